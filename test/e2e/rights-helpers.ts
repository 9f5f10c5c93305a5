// Shared by the journeys of the public check (rights*.test.ts): a server of their own (one per process) whose
// neutral site is a page of the same origin, the date of birth of a child of five, and filling one answer.
import { after } from 'node:test';
import type { Page } from 'playwright-core';
import { todayIso } from '../../packages/app/src/platform/clock.ts';
import { type Ponte, startPonte } from './harness.ts';

let own: Promise<Ponte> | undefined;
after(async () => {
  if (own) await (await own).close();
});

/**
 * A server of the public-check journeys' own (with the demo network: a public CAV in Ancona, a shelter), shared
 * by the files of this process that ask for it, whose "neutral site" is a page of the same origin, so that the
 * harness' "no request to another origin" stays strict (a real deployment sends her to another site). Started on
 * first use, closed after the process's tests.
 */
export function ownServer(): () => Promise<Ponte> {
  return () => {
    own ??= (async () => {
      const p = await startPonte({}, { demo: true });
      p.app.config.quickExitUrl = `${p.url}/centri`;
      return p;
    })();
    return own;
  };
}

/** A child of five, born on 10 May, as typed in the check (dd/mm/yyyy). */
export const child = `10/05/${Number(todayIso().slice(0, 4)) - 5}`;

/**
 * The answers of a mother of that child, Italian, resident for 30 years, with an ISEE of 15,000 €, both parents
 * working; each journey adds the rest (victim, CAV, Comune).
 */
export const motherOfOne: Record<string, Record<string, string>> = {
  sex: { sex: 'yes' },
  birthDate: { birthDate: '15/03/1990' },
  citizenship: { citizenship: 'it' },
  residenceYears: { residenceYears: '30' },
  residenceContinuousYears: { residenceContinuousYears: '30' },
  household: { children: '1', partner: 'no', others: '0' },
  birthDates: { 'm0.birthDate': child },
  memberDisability: { 'm0.disability': 'none' },
  isee: { isee__kind: 'value', isee: '15000' },
  iseeMinorenni: { iseeMinorenni__kind: 'value', iseeMinorenni: '15000' },
  bothParentsWork: { bothParentsWork: 'yes' },
};

/** Fills one answer: radios and checkboxes by value, text fields by name. */
export async function fill(page: Page, name: string, value: string) {
  const radio = page.locator(`input[type="radio"][name="${name}"][value="${value}"]`);
  if ((await radio.count()) > 0) return radio.check({ force: true });
  const box = page.locator(`input[type="checkbox"][name="${name}"][value="${value}"]`);
  if ((await box.count()) > 0) return box.check({ force: true });
  return page.locator(`input[name="${name}"]:not([type="hidden"])`).fill(value);
}
