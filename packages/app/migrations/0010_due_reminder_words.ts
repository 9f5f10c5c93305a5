import { type Kysely, sql } from 'kysely';

// The CAV's reminder due item (`desks.due.reminder`) stored its Rome time as «2027-03-30 09:00» in `params.time`.
// It now stores the time in words, Italian in `time` and English in `time_en` («martedì 30 marzo 2027, 09:00»,
// «Tuesday, 30 March 2027, 09:00»), as the rest of the app reads. The items written before get the same words from
// the appointment's start kept in desk_reminder; the desk name (`place`) is kept. The formatting is written out
// here, not imported, so that this migration stays what it was. Forward-only.

function words(at: Date, locale: string): string {
  const date = new Intl.DateTimeFormat(locale, {
    timeZone: 'Europe/Rome',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(at);
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: 'Europe/Rome',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${date}, ${time}`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ id: string; starts_at: Date | string }>`
    select d.id, r.starts_at
    from due_item d
    join desk_reminder r on r.due_item_id = d.id
    where d.title_key = 'desks.due.reminder' and not (d.params ? 'time_en')`.execute(db);
  for (const row of rows) {
    const at = new Date(row.starts_at);
    const params = JSON.stringify({ time: words(at, 'it-IT'), time_en: words(at, 'en-GB') });
    await sql`update due_item set params = params || ${params}::jsonb where id = ${row.id}`.execute(db);
  }
}
