import type { ColumnType, Generated } from 'kysely';

// The tables of migration 0016, declared by interface merging into the database type (like migrations 0006, 0008
// and 0009 do in platform/db/schema.ts), from the feature that owns them.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateOnly = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;

export type TableRole = 'presidente' | 'segretaria' | 'componente' | 'invitata';
export type ItemKind = 'verbale' | 'azioni' | 'decisione' | 'informativa';
export type VerbaleState = 'bozza' | 'revisione' | 'approvato' | 'firmato';
export type ActionStatus = 'aperta' | 'in_corso' | 'completata' | 'annullata';

export interface RoundtableTable {
  id: string;
  name: string;
  territory_id: string;
  mailbox: string;
  freeze_days: Generated<number>;
  quorum: number | null;
  active: Generated<boolean>;
  created_by: string;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface RoundtableOrgTable {
  roundtable_id: string;
  organisation_id: string;
  added_at: Timestamp;
}

export interface RoundtableDelegateTable {
  id: string;
  roundtable_id: string;
  user_id: string;
  organisation_id: string;
  role: TableRole;
  active: Generated<boolean>;
  added_by: string;
  added_at: Timestamp;
  deactivated_by: string | null;
  deactivated_at: NullableTimestamp;
}

export interface RtMeetingTable {
  id: string;
  roundtable_id: string;
  starts_at: Timestamp;
  duration_minutes: number;
  place_org_id: string | null;
  video_link: string | null;
  status: Generated<'scheduled' | 'cancelled'>;
  ics_sequence: Generated<number>;
  invited_at: NullableTimestamp;
  reminded_at: NullableTimestamp;
  created_by: string;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface RtItemTable {
  id: string;
  meeting_id: string;
  position: number;
  kind: ItemKind;
  title: string;
  proposing_org_id: string | null;
  added_by: string | null;
  added_at: Timestamp;
  late_reason: string | null;
  summary: string | null;
}

export interface RtAttachmentTable {
  id: string;
  item_id: string;
  title: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  content: Buffer;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

export interface RtAttendanceTable {
  meeting_id: string;
  user_id: string;
  organisation_id: string;
  rsvp: 'present' | 'absent' | 'delegating' | null;
  rsvp_delegate: string | null;
  rsvp_at: NullableTimestamp;
  /** Migration 0020: the person of her organisation she delegates; the SEQUENCE a calendar reply answered. */
  rsvp_delegate_user: string | null;
  rsvp_sequence: number | null;
  status: 'present' | 'absent' | 'excused' | null;
  arrived: string | null;
  left_at: string | null;
}

export interface RtVerbaleTable {
  id: string;
  meeting_id: string;
  roundtable_id: string;
  year: number;
  number: number;
  state: Generated<VerbaleState>;
  amend_until: NullableDate;
  approved_on: NullableDate;
  approved_meeting_id: string | null;
  chair_signed_by: string | null;
  chair_signed_at: NullableTimestamp;
  secretary_signed_by: string | null;
  secretary_signed_at: NullableTimestamp;
  pdf: Buffer | null;
  pdf_sha256: string | null;
  revision: Generated<number>;
  correction_reason: string | null;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface RtVerbaleRevisionTable {
  verbale_id: string;
  revision: number;
  content: Json<unknown>;
  pdf: Buffer | null;
  pdf_sha256: string | null;
  replaced_reason: string;
  replaced_by: string;
  replaced_at: Timestamp;
}

export interface RtDecisionTable {
  id: string;
  item_id: string;
  text: string;
  voted: Generated<boolean>;
  favour: number | null;
  against: number | null;
  abstaining: number | null;
  dissenting: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface RtActionTable {
  id: string;
  roundtable_id: string;
  item_id: string;
  decision_id: string | null;
  what: string;
  owner_org_id: string;
  owner_user_id: string;
  due_on: DateOnly;
  review_on: NullableDate;
  status: Generated<ActionStatus>;
  progress: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  version: Generated<number>;
}

/** Migration 0020: the due item an action's review date raises for its owner. */
export interface RtDueTable {
  id: string;
  action_id: string;
  user_id: string;
  due_on: DateOnly;
  created_at: Timestamp;
  done_at: NullableTimestamp;
  done_by: string | null;
}

export interface RtActionNoteTable {
  id: string;
  action_id: string;
  status: string;
  progress: number;
  note: string | null;
  noted_by: string;
  noted_at: Timestamp;
}

export interface RtAmendmentTable {
  id: string;
  verbale_id: string;
  item_id: string | null;
  author_id: string;
  text: string;
  created_at: Timestamp;
}

export interface RtSnapshotTable {
  id: string;
  meeting_id: string;
  title: string;
  taken_at: Timestamp;
  columns: Json<string[]>;
  rows: Json<Array<Array<string | number | null>>>;
  attached_by: string;
  attached_at: Timestamp;
}

declare module '../../platform/db/schema.ts' {
  interface DB {
    roundtable: RoundtableTable;
    roundtable_org: RoundtableOrgTable;
    roundtable_delegate: RoundtableDelegateTable;
    rt_meeting: RtMeetingTable;
    rt_item: RtItemTable;
    rt_attachment: RtAttachmentTable;
    rt_attendance: RtAttendanceTable;
    rt_verbale: RtVerbaleTable;
    rt_verbale_revision: RtVerbaleRevisionTable;
    rt_decision: RtDecisionTable;
    rt_action: RtActionTable;
    rt_action_note: RtActionNoteTable;
    rt_due: RtDueTable;
    rt_amendment: RtAmendmentTable;
    rt_snapshot: RtSnapshotTable;
  }
}
