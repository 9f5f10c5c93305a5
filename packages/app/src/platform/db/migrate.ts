import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m0001 from '../../../migrations/0001_foundation.ts';
import * as m0002 from '../../../migrations/0002_cases.ts';
import * as m0003 from '../../../migrations/0003_card_advice.ts';
import * as m0004 from '../../../migrations/0004_screening_answers.ts';
import * as m0005 from '../../../migrations/0005_desks.ts';
import * as m0006 from '../../../migrations/0006_desk_rules.ts';
import * as m0007 from '../../../migrations/0007_desk_mail.ts';
import * as m0008 from '../../../migrations/0008_desk_reschedule.ts';
import * as m0009 from '../../../migrations/0009_user_lang.ts';
import * as m0010 from '../../../migrations/0010_due_reminder_words.ts';
import * as m0012 from '../../../migrations/0012_key_check_and_keyed_audit.ts';
import * as m0013 from '../../../migrations/0013_safety_answers.ts';
import * as m0014 from '../../../migrations/0014_password_change.ts';
import * as m0015 from '../../../migrations/0015_readiness_reads_schema.ts';
import * as m0016 from '../../../migrations/0016_roundtables.ts';
import * as m0017 from '../../../migrations/0017_training.ts';
import * as m0018 from '../../../migrations/0018_monitoring.ts';
import * as m0019 from '../../../migrations/0019_oidc_identities.ts';
import * as m0020 from '../../../migrations/0020_roundtable_replies_and_reviews.ts';
import * as m0021 from '../../../migrations/0021_training_quiz_reminders.ts';
import * as m0022 from '../../../migrations/0022_monitoring_charts.ts';
import type { Db } from './database.ts';

// Migrations are listed here, not read from a folder, so that they load the same way under tsx, in tests and
// from the `ponte` command. Forward-only: never edit a listed migration, add the next number.
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_cases': m0002,
  '0003_card_advice': m0003,
  '0004_screening_answers': m0004,
  '0005_desks': m0005,
  '0006_desk_rules': m0006,
  '0007_desk_mail': m0007,
  '0008_desk_reschedule': m0008,
  '0009_user_lang': m0009,
  '0010_due_reminder_words': m0010,
  '0012_key_check_and_keyed_audit': m0012,
  '0013_safety_answers': m0013,
  '0014_password_change': m0014,
  '0015_readiness_reads_schema': m0015,
  '0016_roundtables': m0016,
  '0019_oidc_identities': m0019,
  '0018_monitoring': m0018,
  '0017_training': m0017,
  '0020_roundtable_replies_and_reviews': m0020,
  '0021_training_quiz_reminders': m0021,
  '0022_monitoring_charts': m0022,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Applies every pending migration; returns the names applied. Several processes may call it at once. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The names of the migrations this version of Ponte knows, in order (the last one is the schema version). */
export function knownMigrations(): string[] {
  return Object.keys(migrations).sort();
}
