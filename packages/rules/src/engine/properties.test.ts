// Properties of the engine over the whole registry: they also cover the benefits registered later.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { benefits } from '../benefits/index.ts';
import { CITIZENSHIPS, DISABILITIES, END_REASONS, RELATIONS, WORKS } from '../contract.ts';
import { type Assessment, assess, rulesVersion } from '../index.ts';
import { COUNT_KEYS } from './benefit.ts';
import { dayStr } from './dates.ts';
import { COVERAGE } from './params.ts';

type Json = Record<string, unknown>;

// A fixed seed keeps CI reproducible; FC_SEED=random explores new inputs (fast-check prints the seed and the
// counterexample on failure, to add as a case).
if (process.env.FC_SEED !== 'random') fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261126) });
const RUNS = Number(process.env.PONTE_FC_RUNS ?? 300);

// A day as yyyymmdd between two bounds (by day count, so every generated date exists).
const EPOCH = Date.UTC(1930, 0, 1);
const toDay = (ms: number) => {
  const d = new Date(ms);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
};
const msOf = (day: number) => Date.UTC(Math.floor(day / 10000), (Math.floor(day / 100) % 100) - 1, day % 100);
const dateBetween = (from: number, to: number) =>
  fc
    .integer({ min: (msOf(from) - EPOCH) / 864e5, max: (msOf(to) - EPOCH) / 864e5 })
    .map((n) => toDay(EPOCH + n * 864e5));

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 4 });
const money = fc.integer({ min: 0, max: 6_000_000 }).map((c) => c / 100);

/** A valid situation: every fact may be absent (unknown); birth dates are never after the assessed day. */
const situation: fc.Arbitrary<Json> = dateBetween(COVERAGE.from, COVERAGE.to).chain((day) => {
  const born = (minAge: number, maxAge: number) =>
    dateBetween(day - maxAge * 10000, day - minAge * 10000).map(dayStr);
  const member = fc.record(
    {
      relation: fc.constantFrom(...RELATIONS),
      birthDate: born(0, 90),
      disability: fc.constantFrom(...DISABILITIES),
      inEducation: fc.boolean(),
      earnsFromWork: fc.boolean(),
      nursery: fc.boolean(),
    },
    { requiredKeys: [] },
  );
  const childMember = fc.record(
    {
      relation: fc.constant('child' as const),
      birthDate: born(0, 25),
      disability: fc.constantFrom(...DISABILITIES),
      inEducation: fc.boolean(),
      nursery: fc.boolean(),
    },
    { requiredKeys: ['relation'] },
  );
  const person = fc.record(
    {
      birthDate: born(16, 80),
      sex: fc.constantFrom('F' as const, 'M' as const),
      citizenship: fc.constantFrom(...CITIZENSHIPS),
      permitMonths: fc.integer({ min: 0, max: 60 }),
      residenceYears: fc.integer({ min: 0, max: 60 }),
      residenceContinuousYears: fc.integer({ min: 0, max: 60 }),
      work: fc.constantFrom(...WORKS),
      disability: fc.constantFrom(...DISABILITIES),
      income: money,
      married: fc.boolean(),
      coupleIncome: money,
      training: fc.boolean(),
      violence: fc.record(
        {
          victim: fc.boolean(),
          cav: fc.boolean(),
          socialServices: fc.boolean(),
          shelter: fc.boolean(),
          stateOfNeed: fc.boolean(),
          pathStart: dateBetween(day - 50000, day).map(dayStr),
        },
        { requiredKeys: [] },
      ),
      congedoDaysUsed: fc.integer({ min: 0, max: 120 }),
      lastJob: fc.record(
        {
          endDate: dateBetween(day - 30000, day).map(dayStr),
          endReason: fc.constantFrom(...END_REASONS),
          contributionWeeks4y: fc.integer({ min: 0, max: 208 }),
          monthlyReferencePay: money,
        },
        { requiredKeys: [] },
      ),
      maternityPay: money,
    },
    { requiredKeys: [] },
  );
  const household = fc.record(
    {
      members: fc.array(fc.oneof(childMember, member), { maxLength: 5 }),
      isee: fc.option(money, { nil: null, freq: 6 }),
      iseeMinorenni: fc.option(money, { nil: null, freq: 6 }),
      iseeScale: fc.integer({ min: 100, max: 400 }).map((n) => n / 100),
      familyIncome: money,
      rentAnnual: money,
      movableAssets: money,
      realEstate: money,
      bothParentsWork: fc.boolean(),
      auuAnnual: money,
    },
    { requiredKeys: [] },
  );
  return fc.record(
    {
      date: fc.constant(dayStr(day)),
      region: opt(fc.constantFrom('marche', 'lazio', 'calabria')),
      person: opt(person),
      household: opt(household),
    },
    { requiredKeys: ['date'] },
  );
});

const ok = (a: Assessment): Assessment => {
  assert.equal(a.error, undefined, JSON.stringify(a.error));
  return a;
};

/** Every path of the situation whose deletion makes a fact unknown (objects included; array items excluded). */
function deletablePaths(o: unknown, prefix: string[] = []): string[][] {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return [];
  const out: string[][] = [];
  for (const [k, v] of Object.entries(o)) {
    if (prefix.length === 0 && (k === 'date' || k === 'id')) continue;
    out.push([...prefix, k]);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) out.push(...deletablePaths(v[i], [...prefix, k, String(i)]));
    } else out.push(...deletablePaths(v, [...prefix, k]));
  }
  return out;
}

function without(s: Json, path: string[]): Json {
  const copy = structuredClone(s);
  let o: Record<string, unknown> = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
  delete o[path[path.length - 1]];
  return copy;
}

const MONEY_KEYS = (amount: Record<string, number>) => Object.keys(amount).filter((k) => !COUNT_KEYS.has(k));

describe('engine properties (fast-check, over every registered benefit)', () => {
  test('generated situations are valid and every result is well formed', () => {
    fc.assert(
      fc.property(situation, (s) => {
        const a = ok(assess(s));
        assert.equal(a.results.length, benefits.length);
        for (const r of a.results) {
          assert.equal(r.error, undefined, `${r.benefit}: ${JSON.stringify(r.error)}`);
          if (r.status === 'not_eligible')
            assert.equal(r.missing.length, 0, `${r.benefit}: no missing when decided`);
          if (r.status === 'undetermined')
            assert.ok(r.missing.length > 0, `${r.benefit}: undetermined says what is missing`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('amounts are never negative', () => {
    fc.assert(
      fc.property(situation, (s) => {
        for (const r of ok(assess(s)).results) {
          for (const [k, v] of Object.entries(r.amount ?? {})) {
            assert.ok(Number.isFinite(v) && v >= 0, `${r.benefit}.amount.${k} = ${v}`);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('a higher ISEE never raises an amount nor turns not_eligible into eligible', () => {
    fc.assert(
      fc.property(situation, money, money, (s, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const withIsee = (v: number): Json => {
          const h = { ...((s.household as Json | undefined) ?? {}), isee: v };
          if ('iseeMinorenni' in h) h.iseeMinorenni = v;
          return { ...s, household: h };
        };
        const a = ok(assess(withIsee(lo)));
        const b = ok(assess(withIsee(hi)));
        for (let i = 0; i < a.results.length; i++) {
          const ra = a.results[i];
          const rb = b.results[i];
          assert.ok(
            !(ra.status === 'not_eligible' && rb.status === 'eligible'),
            `${ra.benefit}: not eligible at ISEE ${lo} but eligible at ${hi}`,
          );
          if (!ra.amount || !rb.amount) continue;
          for (const k of MONEY_KEYS(rb.amount)) {
            if (ra.amount[k] === undefined) continue;
            assert.ok(
              rb.amount[k] <= ra.amount[k],
              `${ra.benefit}.${k}: ${rb.amount[k]} at ISEE ${hi} > ${ra.amount[k]} at ${lo}`,
            );
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('making a fact unknown never creates not_eligible (only a known failing fact does)', () => {
    fc.assert(
      fc.property(
        situation.chain((s) => {
          const paths = deletablePaths(s);
          return fc.tuple(fc.constant(s), paths.length ? fc.constantFrom(...paths) : fc.constant(null));
        }),
        ([s, path]) => {
          if (!path) return;
          const full = ok(assess(s));
          const less = ok(assess(without(s, path)));
          for (let i = 0; i < full.results.length; i++) {
            if (less.results[i].status === 'not_eligible') {
              assert.equal(
                full.results[i].status,
                'not_eligible',
                `${full.results[i].benefit}: removing ${path.join('.')} made it not eligible`,
              );
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('same input and rules version give the same output', () => {
    fc.assert(
      fc.property(situation, fc.constantFrom('it' as const, 'en' as const), (s, lang) => {
        const a = assess(s, { lang });
        const b = assess(structuredClone(s), { lang });
        assert.equal(a.rules, rulesVersion);
        assert.equal(JSON.stringify(a), JSON.stringify(b));
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });
});

describe('date grid: every month 2023-01..2026-12', () => {
  const days: number[] = [];
  for (let y = 2023; y <= 2026; y++) {
    for (let m = 1; m <= 12; m++) {
      const first = y * 10000 + m * 100 + 1;
      const last = toDay(Date.UTC(y, m, 0));
      days.push(first, last);
    }
  }

  test('no parameter has a gap or an overlap inside its coverage', () => {
    for (const b of benefits) {
      for (const p of b.parameters.all()) {
        for (let i = 1; i < p.values.length; i++) {
          const prev = p.values[i - 1];
          const cur = p.values[i];
          assert.ok(
            prev.to < cur.from,
            `${b.id}.${p.name}: ${dayStr(prev.from)} overlaps ${dayStr(cur.from)}`,
          );
          // A value that ends before the next one starts leaves days without a value inside the coverage.
          if (cur.from <= p.to && prev.to >= p.from)
            assert.equal(
              prev.to,
              toDay(msOf(cur.from) - 864e5),
              `${b.id}.${p.name}: gap before ${dayStr(cur.from)}`,
            );
        }
        for (const day of days) {
          if (day < p.from || day > p.to) continue;
          assert.doesNotThrow(() => b.parameters.at(p.name, day), `${b.id}.${p.name} on ${dayStr(day)}`);
        }
      }
    }
  });

  test('every registered benefit evaluates on every month without a date error', () => {
    const people = [
      {
        person: {
          birthDate: '1988-05-05',
          sex: 'F',
          citizenship: 'it',
          residenceYears: 30,
          work: 'employee_private',
          violence: {
            victim: true,
            cav: true,
            socialServices: true,
            stateOfNeed: true,
            pathStart: '2022-12-01',
          },
          lastJob: {
            endDate: '2022-11-30',
            endReason: 'dismissal',
            contributionWeeks4y: 150,
            monthlyReferencePay: 1400,
          },
        },
        household: {
          members: [
            { relation: 'child', birthDate: '2022-12-15', disability: 'none', nursery: true },
            { relation: 'child', birthDate: '2015-02-02', disability: 'none' },
          ],
          isee: 8000,
          familyIncome: 0,
          rentAnnual: 3000,
          movableAssets: 0,
          realEstate: 0,
          auuAnnual: 2400,
        },
      },
      {
        person: {
          birthDate: '1955-01-01',
          sex: 'F',
          citizenship: 'it',
          residenceYears: 60,
          income: 0,
          married: false,
        },
      },
      {},
    ];
    for (const day of days) {
      for (const base of people) {
        const a = ok(assess({ ...base, date: dayStr(day) }));
        assert.equal(a.results.length, benefits.length);
        for (const r of a.results)
          assert.equal(r.error, undefined, `${r.benefit} on ${dayStr(day)}: ${r.error?.message}`);
      }
    }
  });
});
