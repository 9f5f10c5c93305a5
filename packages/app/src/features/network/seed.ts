import { sql } from 'kysely';
import { generateSecret } from 'otplib';
import { appendAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { openTotpSecret, sealTotpSecret } from '../../platform/auth/totp-secret.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { OrgKind, Role, TerritoryKind } from '../../platform/db/schema.ts';

// The demo network of Regione Marche. The territory is real public geography (regione, its five provinces,
// the Ambiti Territoriali Sociali of the main towns with their official numbers, the main comuni); every
// organisation and every person is fictional and says so in its name. A database that holds real data is
// never touched.

/** The one documented password of every demo account (README, and printed by `npm start`). */
export const DEMO_PASSWORD = 'Ponte-Demo-2026!';

/** One demo login, as printed on the console. */
export interface DemoLoginInfo {
  role: string;
  username: string;
  password: string;
  totpSecret: string;
  organisation: string;
}

type T = { id: string; kind: TerritoryKind; name: string; parent: string | null };

const MARCHE = 'regione-marche';
const P = {
  an: 'provincia-ancona',
  pu: 'provincia-pesaro-e-urbino',
  mc: 'provincia-macerata',
  fm: 'provincia-fermo',
  ap: 'provincia-ascoli-piceno',
};

/** Regione Marche: provinces, the ATS of the provincial capitals and of a few large towns, main comuni. */
export const DEMO_TERRITORIES: readonly T[] = [
  { id: MARCHE, kind: 'regione', name: 'Marche', parent: null },
  { id: P.an, kind: 'provincia', name: 'Ancona', parent: MARCHE },
  { id: P.pu, kind: 'provincia', name: 'Pesaro e Urbino', parent: MARCHE },
  { id: P.mc, kind: 'provincia', name: 'Macerata', parent: MARCHE },
  { id: P.fm, kind: 'provincia', name: 'Fermo', parent: MARCHE },
  { id: P.ap, kind: 'provincia', name: 'Ascoli Piceno', parent: MARCHE },
  { id: 'ats-1', kind: 'ats', name: 'ATS 1 Pesaro', parent: P.pu },
  { id: 'ats-6', kind: 'ats', name: 'ATS 6 Fano', parent: P.pu },
  { id: 'ats-8', kind: 'ats', name: 'ATS 8 Senigallia', parent: P.an },
  { id: 'ats-9', kind: 'ats', name: 'ATS 9 Jesi', parent: P.an },
  { id: 'ats-11', kind: 'ats', name: 'ATS 11 Ancona', parent: P.an },
  { id: 'ats-14', kind: 'ats', name: 'ATS 14 Civitanova Marche', parent: P.mc },
  { id: 'ats-15', kind: 'ats', name: 'ATS 15 Macerata', parent: P.mc },
  { id: 'ats-19', kind: 'ats', name: 'ATS 19 Fermo', parent: P.fm },
  { id: 'ats-21', kind: 'ats', name: 'ATS 21 San Benedetto del Tronto', parent: P.ap },
  { id: 'ats-22', kind: 'ats', name: 'ATS 22 Ascoli Piceno', parent: P.ap },
  { id: 'comune-ancona', kind: 'comune', name: 'Ancona', parent: 'ats-11' },
  { id: 'comune-senigallia', kind: 'comune', name: 'Senigallia', parent: 'ats-8' },
  { id: 'comune-jesi', kind: 'comune', name: 'Jesi', parent: 'ats-9' },
  { id: 'comune-fabriano', kind: 'comune', name: 'Fabriano', parent: P.an },
  { id: 'comune-osimo', kind: 'comune', name: 'Osimo', parent: P.an },
  { id: 'comune-pesaro', kind: 'comune', name: 'Pesaro', parent: 'ats-1' },
  { id: 'comune-fano', kind: 'comune', name: 'Fano', parent: 'ats-6' },
  { id: 'comune-urbino', kind: 'comune', name: 'Urbino', parent: P.pu },
  { id: 'comune-macerata', kind: 'comune', name: 'Macerata', parent: 'ats-15' },
  { id: 'comune-civitanova-marche', kind: 'comune', name: 'Civitanova Marche', parent: 'ats-14' },
  { id: 'comune-fermo', kind: 'comune', name: 'Fermo', parent: 'ats-19' },
  { id: 'comune-porto-san-giorgio', kind: 'comune', name: 'Porto San Giorgio', parent: P.fm },
  { id: 'comune-ascoli-piceno', kind: 'comune', name: 'Ascoli Piceno', parent: 'ats-22' },
  {
    id: 'comune-san-benedetto-del-tronto',
    kind: 'comune',
    name: 'San Benedetto del Tronto',
    parent: 'ats-21',
  },
];

// Fixed ids make the seed idempotent: a second run finds the same rows and adds nothing.
const O = {
  regione: '00000000-0000-4000-8000-00000000d001',
  inps: '00000000-0000-4000-8000-00000000d002',
  cavAn: '00000000-0000-4000-8000-00000000d003',
  cavMc: '00000000-0000-4000-8000-00000000d004',
  shelter: '00000000-0000-4000-8000-00000000d005',
  ats: '00000000-0000-4000-8000-00000000d006',
  comune: '00000000-0000-4000-8000-00000000d007',
};
const PROTOCOL_ID = '00000000-0000-4000-8000-00000000d100';

interface DemoOrg {
  id: string;
  kind: OrgKind;
  name: string;
  territory_id: string;
  managing_cav_id?: string;
  public_listing?: boolean;
  phone?: string;
  opening_hours?: string;
  website?: string;
}

export const DEMO_ORGS: readonly DemoOrg[] = [
  {
    id: O.regione,
    kind: 'regione',
    name: 'Regione Marche — ufficio demo (dati di fantasia)',
    territory_id: MARCHE,
  },
  {
    id: O.inps,
    kind: 'inps_office',
    name: 'INPS Direzione provinciale Ancona — demo (dati di fantasia)',
    territory_id: P.an,
  },
  {
    id: O.cavAn,
    kind: 'cav',
    name: 'CAV Demo Ancona — dati di fantasia',
    territory_id: 'comune-ancona',
    public_listing: true,
    // Not a real number or site: the demo directory must never send anyone to a real service by mistake.
    phone: '000 0000000',
    opening_hours: 'Dal lunedì al venerdì 9–13 e 15–18 (orari di fantasia)',
    website: 'https://cav-demo.example.org',
  },
  { id: O.cavMc, kind: 'cav', name: 'CAV Demo Macerata — dati di fantasia', territory_id: 'comune-macerata' },
  // No address: a shelter is known only through the CAV that manages it.
  {
    id: O.shelter,
    kind: 'shelter',
    name: 'Casa rifugio Demo — dati di fantasia',
    territory_id: P.an,
    managing_cav_id: O.cavAn,
  },
  { id: O.ats, kind: 'ats', name: 'ATS 11 Ancona — ufficio demo (dati di fantasia)', territory_id: 'ats-11' },
  {
    id: O.comune,
    kind: 'comune',
    name: 'Comune di Ancona — servizi sociali demo (dati di fantasia)',
    territory_id: 'comune-ancona',
  },
];

interface DemoUser {
  id: string;
  role: Role;
  username: string;
  displayName: string;
  orgId: string;
}

/**
 * The reserved domain of the demo addresses: `.invalid` never resolves (RFC 2606), so no demo e-mail can reach
 * anybody; without SMTP_URL the messages are .eml files in <PONTE_DATA_DIR>/mail/ anyway.
 */
export const DEMO_MAIL_DOMAIN = 'ponte-demo.invalid';

/** The fictional address of a demo account: its username on the reserved domain. */
export function demoEmail(username: string): string {
  return `${username}@${DEMO_MAIL_DOMAIN}`;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    id: '00000000-0000-4000-8000-00000000d201',
    role: 'cav_operator',
    username: 'demo.operatrice',
    displayName: 'Demo Operatrice CAV',
    orgId: O.cavAn,
  },
  {
    id: '00000000-0000-4000-8000-00000000d202',
    role: 'cav_coordinator',
    username: 'demo.coordinatrice',
    displayName: 'Demo Coordinatrice CAV',
    orgId: O.cavAn,
  },
  {
    id: '00000000-0000-4000-8000-00000000d203',
    role: 'inps_officer',
    username: 'demo.consulente',
    displayName: 'Demo Consulente INPS',
    orgId: O.inps,
  },
  {
    id: '00000000-0000-4000-8000-00000000d204',
    role: 'inps_director',
    username: 'demo.direttrice',
    displayName: 'Demo Direttrice INPS',
    orgId: O.inps,
  },
  {
    id: '00000000-0000-4000-8000-00000000d205',
    role: 'social_worker',
    username: 'demo.assistente',
    displayName: 'Demo Assistente sociale ATS',
    orgId: O.ats,
  },
  {
    id: '00000000-0000-4000-8000-00000000d206',
    role: 'trainer',
    username: 'demo.formatrice',
    displayName: 'Demo Formatrice',
    orgId: O.regione,
  },
  {
    id: '00000000-0000-4000-8000-00000000d207',
    role: 'network_admin',
    username: 'demo.admin',
    displayName: 'Demo Amministratrice della rete',
    orgId: O.regione,
  },
  {
    id: '00000000-0000-4000-8000-00000000d208',
    role: 'dpo',
    username: 'demo.dpo',
    displayName: 'Demo Responsabile protezione dati',
    orgId: O.regione,
  },
];

const DEMO_OFFICER_ID = '00000000-0000-4000-8000-00000000d203';
const DEMO_DIRECTOR_ID = '00000000-0000-4000-8000-00000000d204';

/** What the database holds, as far as the demo seed is concerned. */
export async function databaseState(db: Db): Promise<'empty' | 'demo' | 'real'> {
  const [orgs, users, real] = await Promise.all([
    db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
    db.selectFrom('app_user').select('id').where('demo', '=', false).limit(1).executeTakeFirst(),
  ]);
  if (real) return 'real';
  if (Number(orgs.n) === 0 && Number(users.n) === 0) return 'empty';
  // Organisations without any demo account were made by someone: treat them as real.
  return Number(users.n) > 0 ? 'demo' : 'real';
}

async function readLogins(db: Db): Promise<DemoLoginInfo[]> {
  const rows = await db
    .selectFrom('app_user as u')
    .innerJoin('membership as m', 'm.user_id', 'u.id')
    .innerJoin('organisation as o', 'o.id', 'm.organisation_id')
    .select(['u.id', 'u.username', 'u.totp_secret', 'm.role', 'o.name as org'])
    .where('u.demo', '=', true)
    .where('u.active', '=', true)
    .execute();
  const order = (id: string) => {
    const i = DEMO_USERS.findIndex((u) => u.id === id);
    return i < 0 ? DEMO_USERS.length : i;
  };
  return rows
    .sort((a, b) => order(a.id) - order(b.id) || a.username.localeCompare(b.username))
    .map((r) => ({
      role: r.role,
      username: r.username,
      password: DEMO_PASSWORD,
      totpSecret: r.totp_secret ? openTotpSecret(r.id, r.totp_secret) : '',
      organisation: r.org,
    }));
}

class DemoRefused extends Error {}

/**
 * Loads the demo network in one transaction and returns the demo logins. Idempotent: what exists is kept
 * (including each demo user's second-factor secret). Refuses a database that holds real data.
 */
export async function seedDemo(db: Db): Promise<DemoLoginInfo[]> {
  if ((await databaseState(db)) === 'real') {
    throw new DemoRefused(
      'Il database contiene dati reali (utenti non dimostrativi): la rete dimostrativa non viene caricata.',
    );
  }
  // Hashing is slow on purpose: do it before the transaction, which then stays short. Once, not once per account
  // (issue 16: fourteen hashes were a visible part of the first start): every demo account has the same published
  // password, so one salted hash shared by them tells nothing the README does not say.
  const demoHash = await hashPassword(DEMO_PASSWORD);
  const passwordHashes = DEMO_USERS.map(() => demoHash);
  await db.transaction().execute(async (tx) => {
    // Re-checked inside the transaction, so a concurrent real write cannot slip between check and seed.
    if ((await databaseState(tx)) === 'real') throw new DemoRefused('Il database contiene dati reali.');
    await tx
      .insertInto('territory')
      .values(DEMO_TERRITORIES.map((t) => ({ id: t.id, kind: t.kind, name: t.name, parent_id: t.parent })))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    for (const o of DEMO_ORGS) {
      await tx
        .insertInto('organisation')
        .values({
          id: o.id,
          kind: o.kind,
          name: o.name,
          territory_id: o.territory_id,
          managing_cav_id: o.managing_cav_id ?? null,
          public_listing: o.public_listing ?? false,
          phone: o.phone ?? null,
          opening_hours: o.opening_hours ?? null,
          website: o.website ?? null,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    await tx
      .insertInto('protocol')
      .values({
        id: PROTOCOL_ID,
        title:
          'Protocollo d’intesa “Inps per tutti” per le donne vittime di violenza — Regione Marche, Comune di Ancona, INPS (versione dimostrativa)',
        // The protocol was signed in July 2023; the day is a placeholder of the demo.
        signed_on: '2023-07-01',
        valid_until: '2026-12-31',
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await tx
      .insertInto('protocol_signatory')
      .values(DEMO_ORGS.map((o) => ({ protocol_id: PROTOCOL_ID, organisation_id: o.id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    const now = clockNow();
    await tx
      .insertInto('app_user')
      .values(
        DEMO_USERS.map((u, i) => ({
          id: u.id,
          username: u.username,
          display_name: u.displayName,
          email: demoEmail(u.username),
          password_hash: passwordHashes[i] ?? '',
          // Enrolled already: the newcomer gets the code from `ponte demo-code`, with no QR step.
          totp_secret: sealTotpSecret(u.id, generateSecret()),
          totp_enrolled_at: now,
          demo: true,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    await tx
      .insertInto('membership')
      .values(DEMO_USERS.map((u) => ({ user_id: u.id, organisation_id: u.orgId, role: u.role })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    // The demo INPS officer is trained in accoglienza, so the director can assign her to desk days (issue 5): a
    // recognised earlier training (issue 14; the training feature's demo adds her certificate too).
    await tx
      .insertInto('training_recognition')
      .values({
        id: '00000000-0000-4000-8000-0000000014a1',
        user_id: DEMO_OFFICER_ID,
        organisation_id: null,
        recognised_by: DEMO_DIRECTOR_ID,
        recognised_at: now,
        reason: 'Corso sull’accoglienza seguito prima di Ponte (dato dimostrativo)',
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await appendAudit(tx, {
      action: 'network.demo_seeded',
      entityType: 'organisation',
      entityId: O.regione,
      details: { organisations: DEMO_ORGS.length, users: DEMO_USERS.length },
    });
  });
  return readLogins(db);
}

/**
 * At `npm start`: seeds an empty database, prints the logins again on a demo database, and leaves a database
 * with real data alone (null).
 */
export async function seedDemoIfEmpty(db: Db): Promise<DemoLoginInfo[] | null> {
  const state = await databaseState(db);
  if (state === 'real') return null;
  if (state === 'empty') return seedDemo(db);
  await giveDemoAddresses(db);
  return readLogins(db);
}

/**
 * A demo database seeded before the demo accounts had addresses: each demo account (demo=true) still without an
 * e-mail gets its fictional one. An address someone set is kept; accounts that are not demo are never touched.
 */
async function giveDemoAddresses(db: Db): Promise<void> {
  // One statement, not one per account: it runs at every start of a demo folder (issue 16).
  await sql`update app_user as u set email = d.email
    from (values ${sql.join(DEMO_USERS.map((u) => sql`(${u.id}::uuid, ${u.username}, ${demoEmail(u.username)})`))})
      as d (id, username, email)
    where u.id = d.id and u.username = d.username and u.demo and u.email is null`.execute(db);
}

/** The TOTP secret of a demo account, for `ponte demo-code`; any other account is refused. */
export async function demoTotpSecret(db: Db, username: string): Promise<string> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'demo', 'totp_secret', 'active'])
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
  if (!user) throw new Error(`utente «${username}» inesistente.`);
  if (!user.demo)
    throw new Error(
      `«${username}» non è un utente dimostrativo: il suo secondo fattore non si mostra mai fuori dalla sua app.`,
    );
  if (!user.totp_secret || !user.active)
    throw new Error(`l’utente dimostrativo «${username}» non ha un secondo fattore attivo.`);
  return openTotpSecret(user.id, user.totp_secret);
}
