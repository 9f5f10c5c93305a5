import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// The database as Kysely sees it. One interface per table; column types mirror the migrations.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateOnly = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string | T, string | T>;
/** A jsonb column with a default: optional on insert. */
type JsonDefault<T> = ColumnType<T, string | T | undefined, string | T>;

export type OrgKind = 'inps_office' | 'cav' | 'shelter' | 'ats' | 'comune' | 'regione';
export type TerritoryKind = 'regione' | 'provincia' | 'ats' | 'comune';
export type Role =
  | 'cav_operator'
  | 'cav_coordinator'
  | 'inps_officer'
  | 'inps_director'
  | 'social_worker'
  | 'trainer'
  | 'network_admin'
  | 'dpo';

export interface TerritoryTable {
  id: string;
  kind: TerritoryKind;
  name: string;
  parent_id: string | null;
}

export interface OrganisationTable {
  id: string;
  kind: OrgKind;
  name: string;
  territory_id: string;
  managing_cav_id: string | null;
  public_listing: Generated<boolean>;
  phone: string | null;
  opening_hours: string | null;
  website: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface ProtocolTable {
  id: string;
  title: string;
  signed_on: DateOnly;
  valid_until: DateOnly;
}

export interface ProtocolSignatoryTable {
  protocol_id: string;
  organisation_id: string;
}

export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  totp_secret: string | null;
  totp_enrolled_at: NullableTimestamp;
  totp_last_step: Generated<number>;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  active: Generated<boolean>;
  demo: Generated<boolean>;
  created_at: Timestamp;
  /** Set by an administrator's password (new account, reset, `ponte users create`): change it at next login. */
  password_must_change: Generated<boolean>;
  /** When she last chose her password herself. */
  password_changed_at: NullableTimestamp;
}

export interface RecoveryCodeTable {
  user_id: string;
  code_hash: string;
  used_at: NullableTimestamp;
}

export interface MembershipTable {
  user_id: string;
  organisation_id: string;
  role: Role;
  created_at: Timestamp;
}

export interface SessionData {
  lang?: 'it' | 'en';
  /** TOTP secret being enrolled, until the first code confirms it. */
  pendingTotp?: string;
  /** Recovery codes shown once after enrolment. */
  showRecovery?: string[];
  /** Where to go once the login completes (a local path, checked when stored). */
  next?: string;
  /** The login came through the organisation's identity provider (OIDC): logout also ends its session there. */
  oidc?: boolean;
}

export interface SessionTable {
  id: string;
  user_id: string | null;
  stage: 'password' | 'enrol' | 'active';
  organisation_id: string | null;
  data: Json<SessionData>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface ThrottleTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_user_id: string | null;
  actor_org_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: Json<Record<string, unknown>>;
  unique_key: string | null;
  status: Generated<'pending' | 'running' | 'done' | 'failed'>;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
}

// Issue 4 (migrations/0002_cases.ts): cases and everything hanging off them.
export type CaseStatus = 'open' | 'closed';
export type ConsentPurpose = 'services' | 'referral_inps' | 'identity_to_inps' | 'statistics' | 'contact';
export type ContactChannel = 'none' | 'phone' | 'sms' | 'email' | 'cav_only';
export type CardStatus = 'sent' | 'accepted' | 'declined' | 'closed';
export type FilingChannel = 'inps_online' | 'patronato' | 'comune' | 'employer';
export type ApplicationStatus =
  | 'in_preparazione'
  | 'presentata'
  | 'accolta'
  | 'respinta'
  | 'in_attesa_fondi_regionali'
  | 'ritirata';

export interface CaseFileTable {
  id: string;
  code: string;
  cav_id: string;
  status: Generated<CaseStatus>;
  opened_by: string;
  opened_at: Timestamp;
  closed_at: NullableTimestamp;
  closed_by: string | null;
  closing_reason: string | null;
  version: Generated<number>;
}

/** Ciphertext only: read through features/cases (readIdentity), never directly. */
export interface CaseIdentityTable {
  case_id: string;
  key_id: string | null;
  ciphertext: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  erased_at: NullableTimestamp;
  version: Generated<number>;
}

export interface ConsentTable {
  id: string;
  case_id: string;
  purpose: ConsentPurpose;
  given_on: DateOnly;
  expires_on: DateOnly;
  collected_by: string;
  recorded_by: string;
  recorded_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
  note: string | null;
  version: Generated<number>;
}

/** The answer to a safety question: never preselected, and 'unknown' counts as 'yes' (decision 0041). */
export type SafetyAnswer = 'yes' | 'no' | 'unknown';

export interface SafeContactTable {
  case_id: string;
  channels: ColumnType<ContactChannel[], ContactChannel[] | undefined, ContactChannel[]>;
  hours: string | null;
  code_word_key_id: string | null;
  code_word_cipher: string | null;
  /** Her answer to "does the abuser know this contact?"; null = not asked yet (treated like 'yes'). */
  abuser_knows: SafetyAnswer | null;
  updated_by: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ScreeningTable {
  id: string;
  case_id: string;
  situation: Json<Record<string, unknown>>;
  assessment: Json<Record<string, unknown>>;
  rules_version: string;
  run_by: string;
  run_at: Timestamp;
  /** The guided check's answers (migration 0004): `{ asked: string[], values: Record<string, string> }`. */
  answers: JsonDefault<{ asked?: string[]; values?: Record<string, string> }>;
}

export interface ConsultationCardTable {
  id: string;
  case_id: string;
  inps_office_id: string;
  code: string;
  age_band: string | null;
  benefits: ColumnType<string[], string[] | undefined, string[]>;
  preferred_language: string | null;
  accessibility_needs: string | null;
  note: string | null;
  status: Generated<CardStatus>;
  decline_reason: string | null;
  created_by: string;
  created_at: Timestamp;
  accepted_by: string | null;
  accepted_at: NullableTimestamp;
  last_outcome_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  closing_reason: string | null;
  version: Generated<number>;
}

export interface CardAccessTable {
  id: string;
  card_id: string;
  user_id: string;
  org_id: string;
  kind: 'opened' | 'identity_revealed';
  at: Timestamp;
}

/** Advice an INPS officer recorded on a card (migration 0003). */
export interface CardAdviceTable {
  id: string;
  card_id: string;
  text: string;
  by_user: string;
  at: Timestamp;
}

export interface ApplicationTable {
  id: string;
  case_id: string;
  card_id: string | null;
  benefit: string;
  filed_by_channel: FilingChannel | null;
  filed_on: DateOnly | null;
  protocol_number: string | null;
  status: Generated<ApplicationStatus>;
  amount_granted_cents: number | null;
  checklist: JsonDefault<unknown[]>;
  version: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApplicationEventTable {
  id: string;
  application_id: string;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus;
  at: DateOnly;
  by_user: string;
  recorded_at: Timestamp;
  note: string | null;
}

export interface SocialDeclarationTable {
  id: string;
  case_id: string;
  card_id: string | null;
  ats_or_comune_id: string;
  declared_on: DateOnly | null;
  declared_by: string | null;
  sr208_filed_on: DateOnly | null;
  sr208_protocol: string | null;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface DueItemTable {
  id: string;
  case_id: string;
  kind: string;
  benefit: string | null;
  due_on: DateOnly;
  title_key: string;
  params: JsonDefault<Record<string, unknown>>;
  source: 'engine' | 'manual';
  created_at: Timestamp;
  done_at: NullableTimestamp;
  done_by: string | null;
  version: Generated<number>;
}

export type DeskKind = 'cav_room' | 'inps_room' | 'phone' | 'video';
export type AppointmentStatus = 'held' | 'booked' | 'cancelled' | 'no_show' | 'done';

/** A place or mode where INPS officers hold consultations (migration 0005). */
export interface DeskTable {
  id: string;
  organisation_id: string;
  inps_office_id: string;
  kind: DeskKind;
  name: string;
  capacity: number | null;
  accessibility_notes: string | null;
  video_link: string | null;
  active: Generated<boolean>;
  created_by: string;
  created_at: Timestamp;
  version: Generated<number>;
}

/** A desk day: one officer at one desk between two instants (migration 0005). */
export interface DeskSessionTable {
  id: string;
  desk_id: string;
  officer_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  slot_minutes: number;
  buffer_minutes: number;
  created_by: string;
  created_at: Timestamp;
  version: Generated<number>;
}

/** An appointment for a consultation card; `during` is a tstzrange literal (migration 0005). */
export interface AppointmentTable {
  id: string;
  card_id: string;
  desk_id: string;
  session_id: string;
  officer_id: string;
  during: string;
  status: AppointmentStatus;
  hold_expires_at: NullableTimestamp;
  reason: string | null;
  booked_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** One e-mail to the officer per appointment and change (migration 0007). */
export interface DeskNotificationTable {
  appointment_id: string;
  change: 'booked' | 'moved' | 'cancelled';
  outcome: 'sent' | 'no_address';
  sent_at: Timestamp;
}

/** The one reminder of an appointment: to her by e-mail, or to the CAV operator (migration 0007). */
export interface DeskReminderTable {
  appointment_id: string;
  starts_at: Timestamp;
  channel: 'email' | 'cav';
  reason: string;
  due_item_id: string | null;
  sent_at: Timestamp;
}

/** An officer's secret calendar feed: only the SHA-256 of the token (migration 0007). */
export interface CalendarFeedTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface DB {
  territory: TerritoryTable;
  organisation: OrganisationTable;
  protocol: ProtocolTable;
  protocol_signatory: ProtocolSignatoryTable;
  app_user: AppUserTable;
  recovery_code: RecoveryCodeTable;
  membership: MembershipTable;
  session: SessionTable;
  throttle: ThrottleTable;
  audit_log: AuditLogTable;
  key_check: KeyCheckTable;
  job: JobTable;
  case_file: CaseFileTable;
  case_identity: CaseIdentityTable;
  consent: ConsentTable;
  safe_contact: SafeContactTable;
  screening: ScreeningTable;
  consultation_card: ConsultationCardTable;
  card_access: CardAccessTable;
  card_advice: CardAdviceTable;
  application: ApplicationTable;
  application_event: ApplicationEventTable;
  social_declaration: SocialDeclarationTable;
  due_item: DueItemTable;
  desk: DeskTable;
  desk_session: DeskSessionTable;
  appointment: AppointmentTable;
  desk_notification: DeskNotificationTable;
  desk_reminder: DeskReminderTable;
  calendar_feed: CalendarFeedTable;
  oidc_identity: OidcIdentityTable;
  oidc_login: OidcLoginTable;
}

/** An identity of the organisation's provider linked to an account by an administrator (migration 0019). */
export interface OidcIdentityTable {
  user_id: string;
  issuer: string;
  kind: 'sub' | 'claim';
  value: string;
  linked_at: Timestamp;
  linked_by: string | null;
}

/** A login started at the provider, used once at its callback (migration 0019). */
export interface OidcLoginTable {
  id: string;
  state: string;
  nonce: string;
  code_verifier: string;
  next: string | null;
  lang: 'it' | 'en' | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** The check value of a master key (migration 0012): a known text sealed with that key alone. */
export interface KeyCheckTable {
  key_id: string;
  envelope: string;
  created_at: Timestamp;
}

export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type AppUser = Selectable<AppUserTable>;
export type AuditEntry = Selectable<AuditLogTable>;

/**
 * Rescheduling links and who recorded the outcome of an appointment (migration 0008); declared apart so this
 * migration's columns merge into `AppointmentTable` without editing its block.
 */
export interface AppointmentTable {
  rescheduled_from: string | null;
  rescheduled_to: string | null;
  outcome_by: string | null;
  outcome_at: NullableTimestamp;
}

// ── Migration 0006: desk opening hours, the accoglienza training mark, recurring rules and exceptions. The
// columns added to existing tables are declared by interface merging, so this block only appends.
/** Wall-clock time of day as the database returns it (`HH:MM:SS`). */
type TimeOfDay = ColumnType<string, string | undefined, string>;

export interface DeskTable {
  /** ISO weekdays (1 = Monday) the desk is open. */
  open_days: ColumnType<number[], number[] | undefined, number[]>;
  opens_at: TimeOfDay;
  closes_at: TimeOfDay;
}

export interface DeskSessionTable {
  rule_id: string | null;
  cancelled_at: NullableTimestamp;
  cancelled_reason: string | null;
}

/** Officers trained in accoglienza; only they can be assigned to desk days (migration 0006). */
export interface AccoglienzaTrainingTable {
  user_id: string;
  source: 'director' | 'training';
  set_by: string | null;
  set_at: Timestamp;
}

/** A recurring desk-day rule; its days are materialised as desk_session rows (migration 0006). */
export interface DeskRuleTable {
  id: string;
  desk_id: string;
  officer_id: string;
  weekday: number;
  /** null = every week; 1–5 = the nth weekday of the month; -1 = the last one. */
  weeks: number[] | null;
  start_time: string;
  end_time: string;
  slot_minutes: number;
  buffer_minutes: number;
  valid_from: DateOnly;
  valid_until: DateOnly;
  ended_at: NullableTimestamp;
  ended_by: string | null;
  created_by: string;
  created_at: Timestamp;
  version: Generated<number>;
}

export type DeskExceptionKind = 'closure' | 'absence';

/** A closure of a desk or an absence of an officer, between two dates (migration 0006). */
export interface DeskExceptionTable {
  id: string;
  inps_office_id: string;
  kind: DeskExceptionKind;
  desk_id: string | null;
  officer_id: string | null;
  from_date: DateOnly;
  to_date: DateOnly;
  note: string | null;
  created_by: string;
  created_at: Timestamp;
  removed_at: NullableTimestamp;
  removed_by: string | null;
  version: Generated<number>;
}

export interface DB {
  accoglienza_training: AccoglienzaTrainingTable;
  desk_rule: DeskRuleTable;
  desk_exception: DeskExceptionTable;
}

// ── Migration 0009: the staff member's stored language, declared by interface merging like 0006 and 0008.
export interface AppUserTable {
  /** Her chosen language (the UI at login, her e-mails); null = not chosen, e-mails in Italian then English. */
  lang: 'it' | 'en' | null;
}
