import { now as clockNow, isoDateInRome, nowMs } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/database.ts';
import { type CardCtx, caseForCav, createCard } from '../../cards/index.ts';
import {
  type Actor,
  caseOf,
  type IdentityActor,
  openCase,
  readIdentity,
  recordConsent,
  saveIdentity,
} from '../../cases/index.ts';
import { databaseState } from '../../network/index.ts';
import { type Ctx, confirm, freeSlotsForCard, holdSlot, openCardFor } from '../booking/service.ts';

// Demo cases for `npm start` on a fresh demo network (never in tests' own networks, never on real data): three
// clearly fictional cases of the demo CAV opened by the demo operator in the last weeks, two consultation cards
// sent to the demo INPS office, and one of them booked on the first free time of the demo desk days, so every
// demo role sees something at once. Written through the same services as the pages (consent, the identity
// accessor, cards, holdSlot + confirm): the audit log, the invariants and the e-mail jobs are those of real use.
// It lives in the desks feature because that is the one that may use both cards and cases (architecture.md).

const DAY = 24 * 3600_000;

interface DemoCase {
  name: string;
  openedDaysAgo: number;
  /** Consents she gave when the case was opened (the referral one allows a card; identity_to_inps lets INPS see her name). */
  consents: ('services' | 'statistics' | 'referral_inps' | 'identity_to_inps')[];
  card?: { benefits: string[]; age_band: string; note: string; book: boolean };
}

/**
 * The demo cases, oldest first; the names say they are made up. The notes do not repeat "dati di fantasia": the
 * referral's PII guard rightly refuses words of her recorded name in a note.
 */
export const DEMO_CASES: readonly DemoCase[] = [
  {
    name: 'Anna Esempio (dati di fantasia)',
    openedDaysAgo: 24,
    consents: ['services', 'statistics', 'referral_inps', 'identity_to_inps'],
    card: {
      benefits: ['reddito_di_liberta', 'assegno_unico'],
      age_band: '35-44',
      note: 'Nota dimostrativa: chiede come presentare la domanda con il CAV.',
      book: true,
    },
  },
  {
    name: 'Bruna Prova (dati di fantasia)',
    openedDaysAgo: 17,
    consents: ['services', 'statistics', 'referral_inps'],
    card: {
      benefits: ['assegno_di_inclusione'],
      age_band: '25-34',
      note: 'Nota dimostrativa: preferisce un colloquio in videochiamata.',
      book: false,
    },
  },
  { name: 'Carla Finta (dati di fantasia)', openedDaysAgo: 9, consents: ['services'] },
];

export interface DemoCasesResult {
  cases: number;
  cards: number;
  /** The start of the booked appointment, when a demo desk day had a free time. */
  bookedAt: Date | null;
}

async function demoMember(db: Db, username: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('membership as m', 'm.user_id', 'u.id')
    .innerJoin('organisation as o', 'o.id', 'm.organisation_id')
    .select(['u.id', 'u.demo', 'm.organisation_id', 'm.role', 'o.kind', 'o.territory_id'])
    .where('u.username', '=', username)
    .where('u.active', '=', true)
    .executeTakeFirst();
}

const NOTHING: DemoCasesResult = { cases: 0, cards: 0, bookedAt: null };

/**
 * Opens the demo cases once, after the demo desks (seedDemoDesks): nothing when any case exists, when the
 * database holds a real user, or without the demo operator and the demo INPS officer.
 */
export async function seedDemoCases(db: Db, now = clockNow()): Promise<DemoCasesResult> {
  if (await db.selectFrom('case_file').select('id').limit(1).executeTakeFirst()) return NOTHING;
  if ((await databaseState(db)) !== 'demo') return NOTHING;
  const [operator, officer] = await Promise.all([
    demoMember(db, 'demo.operatrice'),
    demoMember(db, 'demo.consulente'),
  ]);
  if (!operator?.demo || operator.kind !== 'cav' || operator.role !== 'cav_operator') return NOTHING;
  if (!officer?.demo || officer.kind !== 'inps_office') return NOTHING;

  const actor: Actor = { userId: operator.id, orgId: operator.organisation_id };
  const reader: IdentityActor = { ...actor, roles: ['cav_operator'] };
  const cardCtx: CardCtx = { ...actor, territoryId: operator.territory_id };
  const deskCtx: Ctx = { ...actor, orgKind: 'cav', roles: ['cav_operator'], now };
  const result: DemoCasesResult = { cases: 0, cards: 0, bookedAt: null };

  for (const demo of DEMO_CASES) {
    const openedAt = new Date(Math.min(now.getTime(), nowMs()) - demo.openedDaysAgo * DAY);
    const { id } = await openCase(db, actor, { openedAt });
    result.cases++;
    const given = isoDateInRome(openedAt);
    for (const purpose of demo.consents) {
      const done = await recordConsent(db, actor, await caseOf(db, actor, id), {
        purpose,
        givenOn: given,
        collectedBy: operator.id,
      });
      if (!done.ok) throw new Error(`demo consent ${purpose} refused`);
    }
    const saved = await saveIdentity(db, actor, await caseOf(db, actor, id), {
      name: demo.name,
      version: '0',
    });
    if (!saved.ok) throw new Error('demo identity refused');
    if (!demo.card) continue;

    // As the referral form does: her recorded names guard the free text (an audited read), then the card leaves.
    const identity = await readIdentity(db, reader, id, { kind: 'pii_guard' });
    const cardId = await createCard(
      db,
      await caseForCav(db, id, operator.organisation_id),
      {
        office: officer.organisation_id,
        age_band: demo.card.age_band,
        benefits: demo.card.benefits,
        preferred_language: 'italiano',
        note: demo.card.note,
      },
      identity?.name ? [identity.name] : [],
      cardCtx,
    );
    result.cards++;
    if (!demo.card.book) continue;

    // The first free time of the first upcoming demo desk day, held and confirmed as the operator would.
    const days = await freeSlotsForCard(db, deskCtx, await openCardFor(db, deskCtx, cardId));
    const first = days.find((d) => d.slots.length > 0);
    const slot = first?.slots[0];
    if (!first || !slot) continue;
    const held = await holdSlot(db, deskCtx, cardId, first.session.id, slot.starts_at.toISOString());
    await confirm(db, deskCtx, held);
    result.bookedAt = slot.starts_at;
  }
  return result;
}
