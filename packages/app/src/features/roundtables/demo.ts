import { Temporal } from 'temporal-polyfill';
import { auditBy } from '../../platform/audit/audit.ts';
import { now, todayInRome, ZONE } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { signedAt, verbaleContent } from './content.ts';
import { verbalePdf } from './pdf.ts';
import { sha256 } from './service.ts';

// The demo network's tavolo (ponte start on a demo network): the «Tavolo tecnico provinciale di Ancona» of the
// demo organisations (fixed ids of features/network/seed.ts), with one past meeting whose verbale was approved
// at the end of the meeting itself («letto, approvato e sottoscritto seduta stante») and signed, two open actions
// (one of them overdue), and one meeting to come. Everything is fictional, dated from today's clock. Idempotent.

const ID = '00000000-0000-4000-8000-00000000e301';
const PAST = '00000000-0000-4000-8000-00000000e311';
const NEXT = '00000000-0000-4000-8000-00000000e312';
const VERBALE = '00000000-0000-4000-8000-00000000e321';
const ORGS = {
  regione: '00000000-0000-4000-8000-00000000d001',
  inps: '00000000-0000-4000-8000-00000000d002',
  cav: '00000000-0000-4000-8000-00000000d003',
  ats: '00000000-0000-4000-8000-00000000d006',
  comune: '00000000-0000-4000-8000-00000000d007',
};
const USERS = {
  coordinatrice: '00000000-0000-4000-8000-00000000d202',
  consulente: '00000000-0000-4000-8000-00000000d203',
  direttrice: '00000000-0000-4000-8000-00000000d204',
  assistente: '00000000-0000-4000-8000-00000000d205',
  admin: '00000000-0000-4000-8000-00000000d207',
};
const e = (n: number) => `00000000-0000-4000-8000-0000000e${String(n).padStart(4, '0')}`;

const at = (day: Temporal.PlainDate, time: string) =>
  new Date(day.toPlainDateTime(Temporal.PlainTime.from(time)).toZonedDateTime(ZONE).epochMilliseconds);

export async function seedDemoRoundtable(db: Db): Promise<void> {
  if (await db.selectFrom('roundtable').select('id').where('id', '=', ID).executeTakeFirst()) return;
  // Only on the demo network: its organisations and accounts must be there.
  const have = await db.selectFrom('app_user').select('id').where('id', 'in', Object.values(USERS)).execute();
  const orgs = await db
    .selectFrom('organisation')
    .select('id')
    .where('id', 'in', Object.values(ORGS))
    .execute();
  if (have.length !== Object.keys(USERS).length || orgs.length !== Object.keys(ORGS).length) return;
  const today = todayInRome();
  const pastDay = today.subtract({ days: 21 });
  const nextDay = today.add({ days: 14 });
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('roundtable')
      .values({
        id: ID,
        name: 'Tavolo tecnico provinciale di Ancona',
        territory_id: 'provincia-ancona',
        mailbox: 'tavolo.ancona@ponte-demo.invalid',
        created_by: USERS.admin,
      })
      .execute();
    await tx
      .insertInto('roundtable_org')
      .values(Object.values(ORGS).map((o) => ({ roundtable_id: ID, organisation_id: o })))
      .execute();
    const delegates: Array<[string, string, 'presidente' | 'segretaria' | 'componente' | 'invitata']> = [
      [USERS.direttrice, ORGS.inps, 'presidente'],
      [USERS.coordinatrice, ORGS.cav, 'segretaria'],
      [USERS.assistente, ORGS.ats, 'componente'],
      [USERS.consulente, ORGS.inps, 'invitata'],
    ];
    await tx
      .insertInto('roundtable_delegate')
      .values(
        delegates.map(([user, org, role], i) => ({
          id: e(100 + i),
          roundtable_id: ID,
          user_id: user,
          organisation_id: org,
          role,
          added_by: USERS.admin,
        })),
      )
      .execute();
    for (const [id, day, place] of [
      [PAST, pastDay, ORGS.inps],
      [NEXT, nextDay, ORGS.comune],
    ] as const) {
      await tx
        .insertInto('rt_meeting')
        .values({
          id,
          roundtable_id: ID,
          starts_at: at(day, '10:00'),
          duration_minutes: 120,
          place_org_id: place,
          video_link: 'https://videoconferenza.ponte-demo.invalid/tavolo-ancona',
          invited_at: at(day.subtract({ days: 10 }), '09:00'),
          created_by: USERS.coordinatrice,
        })
        .execute();
    }
    const items = [
      {
        id: e(201),
        meeting_id: PAST,
        position: 1,
        kind: 'verbale' as const,
        title: 'Approvazione del verbale della seduta precedente',
        summary: 'Prima seduta del tavolo: nessun verbale precedente.',
      },
      {
        id: e(202),
        meeting_id: PAST,
        position: 2,
        kind: 'azioni' as const,
        title: 'Stato delle azioni aperte',
        summary: 'Nessuna azione aperta.',
      },
      {
        id: e(203),
        meeting_id: PAST,
        position: 3,
        kind: 'decisione' as const,
        title: 'Percorso condiviso per il Reddito di Libertà nel territorio provinciale',
        proposing_org_id: ORGS.cav,
        added_by: USERS.coordinatrice,
        summary:
          'Il CAV presenta i tempi medi tra la presa in carico e la domanda; l’ATS descrive il passaggio della dichiarazione del servizio sociale. Si concorda un percorso unico con tempi di riferimento (dati di fantasia).',
      },
      {
        id: e(204),
        meeting_id: PAST,
        position: 4,
        kind: 'informativa' as const,
        title: 'Calendario degli sportelli INPS presso i centri antiviolenza',
        proposing_org_id: ORGS.inps,
        added_by: USERS.direttrice,
        summary: 'La direzione INPS illustra il calendario degli sportelli del prossimo trimestre.',
      },
      {
        id: e(211),
        meeting_id: NEXT,
        position: 1,
        kind: 'verbale' as const,
        title: 'Approvazione del verbale della seduta precedente',
      },
      {
        id: e(212),
        meeting_id: NEXT,
        position: 2,
        kind: 'azioni' as const,
        title: 'Stato delle azioni aperte',
      },
      {
        id: e(213),
        meeting_id: NEXT,
        position: 3,
        kind: 'informativa' as const,
        title: 'Aggiornamento sul percorso condiviso per il Reddito di Libertà',
        proposing_org_id: ORGS.ats,
        added_by: USERS.assistente,
      },
    ];
    await tx.insertInto('rt_item').values(items).execute();
    await tx
      .insertInto('rt_attendance')
      .values(
        delegates.map(([user, org]) => ({
          meeting_id: PAST,
          user_id: user,
          organisation_id: org,
          rsvp: 'present' as const,
          status: 'present' as const,
          arrived: '10:00',
          left_at: '12:00',
        })),
      )
      .execute();
    await tx
      .insertInto('rt_decision')
      .values({
        id: e(301),
        item_id: e(203),
        text: 'Il tavolo adotta un percorso unico per le domande di Reddito di Libertà, con un referente per ente.',
        voted: true,
        favour: 4,
        against: 0,
        abstaining: 0,
        created_by: USERS.coordinatrice,
      })
      .execute();
    await tx
      .insertInto('rt_action')
      .values([
        {
          id: e(401),
          roundtable_id: ID,
          item_id: e(203),
          decision_id: e(301),
          what: 'Predisporre il modello unico di dichiarazione del servizio sociale.',
          owner_org_id: ORGS.ats,
          owner_user_id: USERS.assistente,
          due_on: today.add({ days: 30 }).toString(),
          review_on: nextDay.toString(),
          status: 'in_corso',
          progress: 40,
          created_by: USERS.coordinatrice,
        },
        {
          id: e(402),
          roundtable_id: ID,
          item_id: e(203),
          decision_id: e(301),
          what: 'Raccogliere dai centri i tempi medi di presa in carico (solo dati aggregati).',
          owner_org_id: ORGS.cav,
          owner_user_id: USERS.coordinatrice,
          due_on: today.subtract({ days: 3 }).toString(),
          status: 'aperta',
          progress: 0,
          created_by: USERS.coordinatrice,
        },
      ])
      .execute();
    // The review date of the first raises her due item (decision 0060).
    await tx
      .insertInto('rt_due')
      .values({
        id: e(451),
        action_id: e(401),
        user_id: USERS.assistente,
        due_on: nextDay.toString(),
        created_at: now(),
      })
      .execute();
    await tx
      .insertInto('rt_verbale')
      .values({
        id: VERBALE,
        meeting_id: PAST,
        roundtable_id: ID,
        year: pastDay.year,
        number: 1,
        state: 'firmato',
        approved_on: pastDay.toString(),
        approved_meeting_id: PAST,
        chair_signed_by: USERS.direttrice,
        chair_signed_at: at(pastDay.add({ days: 1 }), '09:30'),
        secretary_signed_by: USERS.coordinatrice,
        secretary_signed_at: at(pastDay.add({ days: 1 }), '11:15'),
      })
      .execute();
    const c = await verbaleContent(tx, VERBALE);
    const pdf = await verbalePdf(c, { createdAt: signedAt(c) });
    await tx
      .updateTable('rt_verbale')
      .set({ pdf, pdf_sha256: sha256(pdf) })
      .where('id', '=', VERBALE)
      .execute();
    await auditBy(tx, { userId: null, orgId: null }, 'roundtable.demo_seeded', 'roundtable', ID);
  });
}
