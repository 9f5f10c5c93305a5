import type { Assessment } from '@ponte/rules';
import { appendAudit } from '../../platform/audit/audit.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { SafetyAnswer } from '../../platform/db/schema.ts';
import { translator } from '../../platform/i18n/index.ts';
import { type Identity, type IdentityActor, identityMeta, readCodeWord, readIdentity } from './identity.ts';
import * as repo from './repository.ts';

/** The languages the export is written in (the staff catalogues). */
export type ExportLang = 'it' | 'en';

// Right of access (art. 15 GDPR, issue 4): everything Ponte holds about her case, for her CAV to hand to her
// as JSON and PDF. Identity and code word are read through the audited accessor (purpose `access_request`);
// the export itself is audited (`case.access_export`). The cards, their access log and the applications are
// read here, read-only and by case id, because the export is the case's: the cards feature is not involved.

/** Version of the JSON structure below; a change that removes or renames a field increases it. */
export const ACCESS_EXPORT_FORMAT = 'ponte.dati-caso/1';

/**
 * The JSON export. Dates are `YYYY-MM-DD` (calendar days) or ISO 8601 instants in UTC (`…At`); codes
 * (`purpose`, `status`, `channel`…) are Ponte's, with their Italian label alongside in `…Label` where one exists.
 */
export interface AccessExport {
  format: typeof ACCESS_EXPORT_FORMAT;
  /** When the export was made, and by which centre. */
  generatedAt: string;
  centre: string;
  case: {
    code: string;
    status: 'open' | 'closed';
    openedAt: string;
    closedAt: string | null;
    closingReason: string | null;
  };
  /** Her identifying data; null when none is recorded or it was erased (then `identityErased` is true). */
  identity: Identity | null;
  identityErased: boolean;
  consents: {
    purpose: string;
    purposeLabel: string;
    givenOn: string;
    expiresOn: string;
    collectedBy: string;
    revokedAt: string | null;
    revokedBy: string | null;
    note: string | null;
  }[];
  safeContact: {
    channels: string[];
    channelLabels: string[];
    hours: string | null;
    codeWord: string | null;
    /** Her answer: 'yes', 'no', 'unknown' ("non so"), or null when nobody asked yet. */
    abuserKnows: SafetyAnswer | null;
  } | null;
  /** Benefits checks, newest first: the facts she gave (situation) and each benefit's outcome. */
  screenings: {
    runAt: string;
    runBy: string;
    rulesVersion: string;
    situation: Record<string, unknown>;
    results: { benefit: string; name: string; status: string; amount?: Record<string, number> }[];
  }[];
  /** Consultation cards sent to INPS offices: what they carried, their outcome and who opened them. */
  cards: {
    office: string;
    status: string;
    createdAt: string;
    acceptedAt: string | null;
    declineReason: string | null;
    closedAt: string | null;
    closingReason: string | null;
    ageBand: string | null;
    benefits: string[];
    preferredLanguage: string | null;
    accessibilityNeeds: string | null;
    note: string | null;
    accessLog: { kind: 'opened' | 'identity_revealed'; at: string; by: string; organisation: string }[];
    advice: { at: string; by: string; text: string }[];
  }[];
  applications: {
    benefit: string;
    status: string;
    statusLabel: string;
    filedByChannel: string | null;
    filedOn: string | null;
    protocolNumber: string | null;
    amountGrantedCents: number | null;
    checklist: { document: string; done: boolean }[];
    history: {
      from: string | null;
      to: string;
      on: string;
      recordedAt: string;
      by: string;
      note: string | null;
    }[];
  }[];
  /** Reddito di Libertà: the social service's declaration and the Comune's SR208 filing. */
  socialDeclarations: {
    organisation: string;
    declaredOn: string | null;
    sr208FiledOn: string | null;
    sr208Protocol: string | null;
  }[];
  dueItems: { dueOn: string; what: string; benefit: string | null; doneAt: string | null }[];
}

const iso = (d: Date | string | null | undefined): string | null =>
  d === null || d === undefined ? null : new Date(d).toISOString();
const day = (d: Date | string | null | undefined): string | null =>
  d === null || d === undefined
    ? null
    : typeof d === 'string'
      ? d.slice(0, 10)
      : d.toISOString().slice(0, 10);
const asJson = (v: unknown): Record<string, unknown> =>
  (typeof v === 'string' ? JSON.parse(v) : (v ?? {})) as Record<string, unknown>;

async function cardsOf(db: Db, caseId: string): Promise<AccessExport['cards']> {
  const cards = await db
    .selectFrom('consultation_card as c')
    .innerJoin('organisation as o', 'o.id', 'c.inps_office_id')
    .select([
      'c.id',
      'o.name as office',
      'c.status',
      'c.created_at',
      'c.accepted_at',
      'c.decline_reason',
      'c.closed_at',
      'c.closing_reason',
      'c.age_band',
      'c.benefits',
      'c.preferred_language',
      'c.accessibility_needs',
      'c.note',
    ])
    .where('c.case_id', '=', caseId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  const out: AccessExport['cards'] = [];
  for (const c of cards) {
    const log = await db
      .selectFrom('card_access as a')
      .innerJoin('app_user as u', 'u.id', 'a.user_id')
      .innerJoin('organisation as o', 'o.id', 'a.org_id')
      .select(['a.kind', 'a.at', 'u.display_name as by', 'o.name as organisation'])
      .where('a.card_id', '=', c.id)
      .orderBy('a.at')
      .orderBy('a.id')
      .execute();
    const advice = await db
      .selectFrom('card_advice as a')
      .innerJoin('app_user as u', 'u.id', 'a.by_user')
      .select(['a.at', 'u.display_name as by', 'a.text'])
      .where('a.card_id', '=', c.id)
      .orderBy('a.at')
      .execute();
    out.push({
      office: c.office,
      status: c.status,
      createdAt: iso(c.created_at) as string,
      acceptedAt: iso(c.accepted_at),
      declineReason: c.decline_reason,
      closedAt: iso(c.closed_at),
      closingReason: c.closing_reason,
      ageBand: c.age_band,
      benefits: c.benefits,
      preferredLanguage: c.preferred_language,
      accessibilityNeeds: c.accessibility_needs,
      note: c.note,
      accessLog: log.map((a) => ({
        kind: a.kind,
        at: iso(a.at) as string,
        by: a.by,
        organisation: a.organisation,
      })),
      advice: advice.map((a) => ({ at: iso(a.at) as string, by: a.by, text: a.text })),
    });
  }
  return out;
}

async function applicationsOf(
  db: Db,
  caseId: string,
  lang: ExportLang,
): Promise<AccessExport['applications']> {
  const t = translator(lang);
  const apps = await db
    .selectFrom('application')
    .select([
      'id',
      'benefit',
      'status',
      'filed_by_channel',
      'filed_on',
      'protocol_number',
      'amount_granted_cents',
      'checklist',
    ])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const out: AccessExport['applications'] = [];
  for (const a of apps) {
    const events = await db
      .selectFrom('application_event as e')
      .innerJoin('app_user as u', 'u.id', 'e.by_user')
      .select(['e.from_status', 'e.to_status', 'e.at', 'e.recorded_at', 'u.display_name as by', 'e.note'])
      .where('e.application_id', '=', a.id)
      .orderBy('e.recorded_at')
      .orderBy('e.at')
      .execute();
    const checklist = asJson(a.checklist) as unknown;
    out.push({
      benefit: a.benefit,
      status: a.status,
      statusLabel: t(`cases.export.appstatus.${a.status}`),
      filedByChannel: a.filed_by_channel,
      filedOn: day(a.filed_on),
      protocolNumber: a.protocol_number,
      amountGrantedCents: a.amount_granted_cents === null ? null : Number(a.amount_granted_cents),
      checklist: Array.isArray(checklist) ? (checklist as { document: string; done: boolean }[]) : [],
      history: events.map((e) => ({
        from: e.from_status,
        to: e.to_status,
        on: day(e.at) as string,
        recordedAt: iso(e.recorded_at) as string,
        by: e.by,
        note: e.note,
      })),
    });
  }
  return out;
}

/**
 * Collects the export of a case of `actor`'s CAV (the caller has found the case through `caseOf`): identity
 * and code word through the audited accessor (each read audited), then the rest. The caller records the export
 * with `recordAccessExport` once the file is made, so an export that could not be made is not recorded as given.
 */
export async function collectAccessExport(
  db: Db,
  actor: IdentityActor,
  c: repo.CaseRow,
  now = clockNow(),
  lang: ExportLang = 'it',
): Promise<AccessExport> {
  const t = translator(lang);
  const identity = await readIdentity(db, actor, c.id, { kind: 'access_request' });
  const meta = await identityMeta(db, c.id);
  const contact = await repo.safeContactOf(db, c.id);
  const codeWord = contact?.has_code_word ? await readCodeWord(db, actor, c.id) : null;
  const [consents, screenings, due, cards, applications, declarations, centre] = await Promise.all([
    repo.consentsOf(db, c.id),
    repo.screeningsOf(db, c.id, 1000),
    repo.dueItems(db, { cavId: c.cav_id, caseId: c.id, limit: 1000 }),
    cardsOf(db, c.id),
    applicationsOf(db, c.id, lang),
    db
      .selectFrom('social_declaration as d')
      .innerJoin('organisation as o', 'o.id', 'd.ats_or_comune_id')
      .select(['o.name as organisation', 'd.declared_on', 'd.sr208_filed_on', 'd.sr208_protocol'])
      .where('d.case_id', '=', c.id)
      .orderBy('d.created_at')
      .execute(),
    db.selectFrom('organisation').select('name').where('id', '=', c.cav_id).executeTakeFirstOrThrow(),
  ]);
  const data: AccessExport = {
    format: ACCESS_EXPORT_FORMAT,
    generatedAt: now.toISOString(),
    centre: centre.name,
    case: {
      code: c.code,
      status: c.status,
      openedAt: iso(c.opened_at) as string,
      closedAt: iso(c.closed_at),
      closingReason: c.closing_reason,
    },
    identity,
    identityErased: meta.erased,
    consents: consents.map((k) => ({
      purpose: k.purpose,
      purposeLabel: t(`cases.consent.purpose.${k.purpose}`),
      givenOn: day(k.given_on) as string,
      expiresOn: day(k.expires_on) as string,
      collectedBy: k.collected_by_name,
      revokedAt: iso(k.revoked_at),
      revokedBy: k.revoked_by_name,
      note: k.note,
    })),
    safeContact: contact
      ? {
          channels: contact.channels,
          channelLabels: contact.channels.map((ch) => t(`cases.contact.channel.${ch}`)),
          hours: contact.hours,
          codeWord,
          abuserKnows: contact.abuser_knows,
        }
      : null,
    screenings: screenings.map((s) => {
      const assessment = asJson(s.assessment) as unknown as Partial<Assessment>;
      return {
        runAt: iso(s.run_at) as string,
        runBy: s.run_by_name,
        rulesVersion: s.rules_version,
        situation: asJson(s.situation),
        results: (assessment.results ?? []).map((r) => ({
          benefit: r.benefit,
          name: r.name,
          status: r.status,
          ...(r.amount ? { amount: r.amount } : {}),
        })),
      };
    }),
    cards,
    applications,
    socialDeclarations: declarations.map((d) => ({
      organisation: d.organisation,
      declaredOn: day(d.declared_on),
      sr208FiledOn: day(d.sr208_filed_on),
      sr208Protocol: d.sr208_protocol,
    })),
    dueItems: due.map((d) => ({
      dueOn: day(d.due_on) as string,
      what: t(d.title_key, d.params as Record<string, string>),
      benefit: d.benefit,
      doneAt: iso(d.done_at),
    })),
  };
  return data;
}

/** Records that the export of the case was given (`case.access_export`), in its own transaction. */
export async function recordAccessExport(
  db: Db,
  actor: IdentityActor,
  caseId: string,
  format: 'pdf' | 'json',
  data: AccessExport,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await appendAudit(tx, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'case.access_export',
      entityType: 'case',
      entityId: caseId,
      ip: actor.ip ?? null,
      requestId: actor.requestId ?? null,
      details: {
        format,
        identity: data.identity !== null,
        screenings: data.screenings.length,
        cards: data.cards.length,
        applications: data.applications.length,
      },
    });
  });
}
