import { type Kysely, sql } from 'kysely';

// Issue 4: cases, identity (encrypted), consent, safe contact, benefits checks, consultation cards, card access,
// applications and their history, social-service declarations (Reddito di Libertà) and due items.
// Every mutable row carries `version` for optimistic concurrency: an update says `where version = :seen` and
// bumps it, so a stale form changes nothing. Forward-only: a later change is a new numbered file.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The woman's path at a CAV. The code is generated and carries no identifying information.
  await sql`
    create table case_file (
      id uuid primary key,
      code text not null unique check (code ~ '^[A-Z]{2,4}-[0-9]{4}-[0-9A-Z]{5}$'),
      cav_id uuid not null references organisation(id),
      status text not null default 'open' check (status in ('open', 'closed')),
      opened_by uuid not null references app_user(id),
      opened_at timestamptz not null default now(),
      closed_at timestamptz,
      closed_by uuid references app_user(id),
      closing_reason text,
      version integer not null default 1,
      check ((status = 'closed') = (closed_at is not null)),
      check (status = 'open' or closing_reason is not null)
    )`.execute(db);
  await sql`create index case_file_cav on case_file(cav_id, status, opened_at desc)`.execute(db);
  await sql`create index case_file_closed on case_file(closed_at) where status = 'closed'`.execute(db);

  // Identifying data, only as ciphertext: an envelope (AES-256-GCM data key wrapped by the master key `key_id`)
  // of one JSON object (name, codice fiscale, phone, e-mail, address), bound to the case id. Read only through
  // features/cases/identity.ts, which audits every read. `erased_at`: retention removed the ciphertext.
  await sql`
    create table case_identity (
      case_id uuid primary key references case_file(id),
      key_id text,
      ciphertext text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      erased_at timestamptz,
      version integer not null default 1,
      check ((erased_at is null) = (ciphertext is not null and key_id is not null))
    )`.execute(db);
  await sql`create index case_identity_key on case_identity(key_id)`.execute(db);

  await sql`
    create table consent (
      id uuid primary key,
      case_id uuid not null references case_file(id),
      purpose text not null check (purpose in ('services', 'referral_inps', 'identity_to_inps', 'statistics',
        'contact')),
      given_on date not null,
      expires_on date not null,
      collected_by uuid not null references app_user(id),
      recorded_by uuid not null references app_user(id),
      recorded_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by uuid references app_user(id),
      note text,
      version integer not null default 1,
      check (expires_on > given_on),
      check ((revoked_at is null) = (revoked_by is null))
    )`.execute(db);
  await sql`create index consent_case on consent(case_id, purpose)`.execute(db);
  // At most one live (not revoked) consent per purpose: a renewal revokes or follows the previous one.
  await sql`create unique index consent_live on consent(case_id, purpose) where revoked_at is null`.execute(
    db,
  );

  await sql`
    create table safe_contact (
      case_id uuid primary key references case_file(id),
      channels text[] not null default '{cav_only}'
        check (channels <@ array['none', 'phone', 'sms', 'email', 'cav_only']::text[] and cardinality(channels) > 0),
      hours text,
      code_word_key_id text,
      code_word_cipher text,
      abuser_knows boolean not null default false,
      updated_by uuid references app_user(id),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check ((code_word_cipher is null) = (code_word_key_id is null))
    )`.execute(db);

  await sql`
    create table screening (
      id uuid primary key,
      case_id uuid not null references case_file(id),
      situation jsonb not null,
      assessment jsonb not null,
      rules_version text not null,
      run_by uuid not null references app_user(id),
      run_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index screening_case on screening(case_id, run_at desc)`.execute(db);

  // The projection INPS sees: only whitelisted fields, never the case itself.
  await sql`
    create table consultation_card (
      id uuid primary key,
      case_id uuid not null references case_file(id),
      inps_office_id uuid not null references organisation(id),
      code text not null,
      age_band text,
      benefits text[] not null default '{}',
      preferred_language text,
      accessibility_needs text,
      note text,
      status text not null default 'sent' check (status in ('sent', 'accepted', 'declined', 'closed')),
      decline_reason text,
      created_by uuid not null references app_user(id),
      created_at timestamptz not null default now(),
      accepted_by uuid references app_user(id),
      accepted_at timestamptz,
      last_outcome_at timestamptz,
      closed_at timestamptz,
      closing_reason text,
      version integer not null default 1,
      check ((status = 'closed') = (closed_at is not null))
    )`.execute(db);
  await sql`create unique index consultation_card_one_open on consultation_card(case_id, inps_office_id)
    where status <> 'closed'`.execute(db);
  await sql`create index consultation_card_office on consultation_card(inps_office_id, status, created_at desc)`.execute(
    db,
  );
  await sql`create index consultation_card_case on consultation_card(case_id)`.execute(db);

  // Who at INPS opened a card (or revealed identity through it), for the CAV to see.
  await sql`
    create table card_access (
      id uuid primary key,
      card_id uuid not null references consultation_card(id),
      user_id uuid not null references app_user(id),
      org_id uuid not null references organisation(id),
      kind text not null check (kind in ('opened', 'identity_revealed')),
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index card_access_card on card_access(card_id, at desc)`.execute(db);

  await sql`
    create table application (
      id uuid primary key,
      case_id uuid not null references case_file(id),
      card_id uuid references consultation_card(id),
      benefit text not null,
      filed_by_channel text check (filed_by_channel in ('inps_online', 'patronato', 'comune', 'employer')),
      filed_on date,
      protocol_number text,
      status text not null default 'in_preparazione' check (status in ('in_preparazione', 'presentata', 'accolta',
        'respinta', 'in_attesa_fondi_regionali', 'ritirata')),
      amount_granted_cents bigint check (amount_granted_cents is null or amount_granted_cents >= 0),
      checklist jsonb not null default '[]',
      version integer not null default 1,
      created_by uuid not null references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index application_case on application(case_id)`.execute(db);
  await sql`create index application_card on application(card_id)`.execute(db);

  await sql`
    create table application_event (
      id uuid primary key,
      application_id uuid not null references application(id),
      from_status text,
      to_status text not null,
      at date not null,
      by_user uuid not null references app_user(id),
      recorded_at timestamptz not null default now(),
      note text
    )`.execute(db);
  await sql`create index application_event_app on application_event(application_id, recorded_at)`.execute(db);

  // Reddito di Libertà: the social service's declaration of state of need and the Comune's SR208 filing.
  await sql`
    create table social_declaration (
      id uuid primary key,
      case_id uuid not null references case_file(id),
      card_id uuid references consultation_card(id),
      ats_or_comune_id uuid not null references organisation(id),
      declared_on date,
      declared_by uuid references app_user(id),
      sr208_filed_on date,
      sr208_protocol text,
      created_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index social_declaration_case on social_declaration(case_id)`.execute(db);
  await sql`create index social_declaration_org on social_declaration(ats_or_comune_id)`.execute(db);

  // Deadlines on a case: from the engine (`apply.deadline` of an assessment, `benefit` names it) or manual.
  await sql`
    create table due_item (
      id uuid primary key,
      case_id uuid not null references case_file(id),
      kind text not null,
      benefit text,
      due_on date not null,
      title_key text not null,
      params jsonb not null default '{}',
      source text not null check (source in ('engine', 'manual')),
      created_at timestamptz not null default now(),
      done_at timestamptz,
      done_by uuid references app_user(id),
      version integer not null default 1
    )`.execute(db);
  await sql`create index due_item_case on due_item(case_id, due_on)`.execute(db);
  await sql`create index due_item_open on due_item(due_on) where done_at is null`.execute(db);

  await sql`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = 'ponte_app') then
        return;
      end if;
      grant select, insert, update, delete on case_file, case_identity, consent, safe_contact, screening,
        consultation_card, card_access, application, application_event, social_declaration, due_item to ponte_app;
    end $$`.execute(db);
}
