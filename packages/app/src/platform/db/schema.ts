import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// The database as Kysely sees it. One interface per table; column types mirror the migrations.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateOnly = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string | T, string | T>;

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
  job: JobTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type AppUser = Selectable<AppUserTable>;
export type AuditEntry = Selectable<AuditLogTable>;
