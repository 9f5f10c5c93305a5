import type { ColumnType, Generated } from 'kysely';

// The training tables as Kysely sees them (migration 0017), added to the platform's DB interface from here so
// that the feature's schema lives with the feature.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateOnly = ColumnType<string, string, string>;
/** numeric comes back as a string from both engines. */
type Numeric = ColumnType<string, number | string, number | string>;

export type Direction = 'cav_inps' | 'inps_cav' | 'joint';
export const DIRECTIONS: readonly Direction[] = ['cav_inps', 'inps_cav', 'joint'];
export type AttendanceStatus = 'present' | 'late' | 'absent' | 'excused';
export const ATTENDANCE: readonly AttendanceStatus[] = ['present', 'late', 'absent', 'excused'];

export interface TrainingCourseTable {
  id: string;
  organisation_id: string;
  title: string;
  direction: Direction;
  objectives: string;
  hours: Numeric;
  validity_months: number | null;
  desk_qualifying: boolean;
  min_attendance_pct: Generated<number>;
  rules_version: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface TrainingMaterialTable {
  id: string;
  course_id: string;
  kind: 'file' | 'link';
  title: string;
  url: string | null;
  filename: string | null;
  mime: string | null;
  size: number | null;
  content: Buffer | null;
  added_by: string;
  added_at: Timestamp;
}

export interface TrainingEditionTable {
  id: string;
  course_id: string;
  label: string;
  capacity: number;
  created_by: string;
  created_at: Timestamp;
}

export interface TrainingSessionTable {
  id: string;
  edition_id: string;
  trainer_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  mode: 'in_person' | 'online';
  venue_org_id: string | null;
  online_url: string | null;
  created_at: Timestamp;
}

export interface TrainingEnrolmentTable {
  id: string;
  edition_id: string;
  user_id: string;
  organisation_id: string;
  status: 'enrolled' | 'waiting' | 'withdrawn';
  seq: Generated<string>;
  enrolled_by: string;
  created_at: Timestamp;
  changed_at: Timestamp;
}

export interface TrainingAttendanceTable {
  session_id: string;
  user_id: string;
  status: AttendanceStatus;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface TrainingCertificateTable {
  id: string;
  code: string;
  edition_id: string;
  course_id: string;
  user_id: string;
  organisation_id: string;
  recipient_name: string;
  course_title: string;
  direction: Direction;
  hours: Numeric;
  first_day: DateOnly;
  last_day: DateOnly;
  valid_from: Timestamp;
  valid_until: NullableTimestamp;
  issuer_name: string;
  desk_qualifying: boolean;
  jwt: string;
  issued_by: string;
  issued_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export interface TrainingRecognitionTable {
  id: string;
  user_id: string;
  organisation_id: string | null;
  recognised_by: string;
  recognised_at: Timestamp;
  reason: string;
  expires_on: ColumnType<string | null, string | null | undefined, string | null>;
  migrated: Generated<boolean>;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
}

export interface TrainingFeedbackTable {
  id: string;
  edition_id: string;
  usefulness: number;
  clarity: number;
  comment: string | null;
}

export interface TrainingFeedbackGivenTable {
  edition_id: string;
  user_id: string;
}

/** The final quiz of a course (migration 0021). */
export interface TrainingQuizTable {
  course_id: string;
  pass_pct: number;
  max_attempts: number;
  updated_by: string;
  updated_at: Timestamp;
}

export interface TrainingQuizQuestionTable {
  id: string;
  course_id: string;
  position: number;
  text: string;
  /** A JSON array of the options' texts. */
  options: ColumnType<string[], string, string>;
  correct: number;
  created_by: string;
  created_at: Timestamp;
}

export interface TrainingQuizAttemptTable {
  id: string;
  edition_id: string;
  user_id: string;
  attempt: number;
  score_pct: number;
  passed: boolean;
  taken_at: Timestamp;
}

/** The reminder of a session sent to a person (migration 0021). */
export interface TrainingSessionReminderTable {
  session_id: string;
  user_id: string;
  sent_at: Timestamp;
}

/** A certificate due for a refresher, marked once (migration 0021). */
export interface TrainingRefresherDueTable {
  certificate_id: string;
  user_id: string;
  organisation_id: string;
  valid_until: Timestamp;
  created_at: Timestamp;
}

declare module '../../platform/db/schema.ts' {
  interface DB {
    training_course: TrainingCourseTable;
    training_material: TrainingMaterialTable;
    training_edition: TrainingEditionTable;
    training_session: TrainingSessionTable;
    training_enrolment: TrainingEnrolmentTable;
    training_attendance: TrainingAttendanceTable;
    training_certificate: TrainingCertificateTable;
    training_recognition: TrainingRecognitionTable;
    training_feedback: TrainingFeedbackTable;
    training_feedback_given: TrainingFeedbackGivenTable;
    training_quiz: TrainingQuizTable;
    training_quiz_question: TrainingQuizQuestionTable;
    training_quiz_attempt: TrainingQuizAttemptTable;
    training_session_reminder: TrainingSessionReminderTable;
    training_refresher_due: TrainingRefresherDueTable;
  }
}
