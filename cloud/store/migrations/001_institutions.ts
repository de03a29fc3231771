import { sql, type Kysely } from 'kysely'
import { CATEGORIES, DEPARTMENTS, DISTRICTS, INSTITUTION_STATUSES, ROLES } from '../../../src/domain/catalog'

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db)

  await sql`
    CREATE TABLE accounts (
      id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
      openid text UNIQUE,
      unionid text,
      dev_account text UNIQUE,
      role text NOT NULL CHECK (role IN (${list(ROLES)})),
      department text CHECK (department IN (${list(DEPARTMENTS)})),
      district text CHECK (district IN (${list(DISTRICTS)})),
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (openid IS NOT NULL OR dev_account IS NOT NULL)
    )`.execute(db)

  await sql`
    CREATE TABLE batches (
      no integer PRIMARY KEY CHECK (no > 0),
      date date NOT NULL,
      title text NOT NULL,
      notice text NOT NULL
    )`.execute(db)

  await sql`
    CREATE TABLE institutions (
      id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
      name_pinyin text NOT NULL,
      name_initials text NOT NULL,
      name_grams text[] NOT NULL,
      uscc text NOT NULL UNIQUE CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
      license_no text NOT NULL UNIQUE,
      category text NOT NULL CHECK (category IN (${list(CATEGORIES)})),
      district text NOT NULL CHECK (district IN (${list(DISTRICTS)})),
      status text NOT NULL CHECK (status IN (${list(INSTITUTION_STATUSES)})),
      status_as_of date NOT NULL,
      scope text NOT NULL DEFAULT '',
      address text NOT NULL,
      lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
      lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
      phone text NOT NULL DEFAULT '',
      escrow_bank text,
      escrow_account_name text,
      batch_no integer REFERENCES batches(no),
      blacklist_reason text,
      blacklist_date date,
      blacklist_notice text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (status <> 'blacklisted' OR blacklist_reason IS NOT NULL)
    )`.execute(db)
  await sql`CREATE INDEX institutions_grams_gin ON institutions USING gin (name_grams)`.execute(db)
  await sql`CREATE INDEX institutions_pinyin_trgm ON institutions USING gin (name_pinyin gin_trgm_ops)`.execute(db)
  await sql`CREATE INDEX institutions_initials_trgm ON institutions USING gin (name_initials gin_trgm_ops)`.execute(db)
  await sql`CREATE INDEX institutions_pinyin_prefix ON institutions (name_pinyin text_pattern_ops)`.execute(db)
  await sql`CREATE INDEX institutions_initials_prefix ON institutions (name_initials text_pattern_ops)`.execute(db)
  await sql`CREATE INDEX institutions_uscc_prefix ON institutions (uscc text_pattern_ops)`.execute(db)
  await sql`CREATE INDEX institutions_order ON institutions (length(name), name COLLATE "C", id COLLATE "C")`.execute(db)
  await sql`CREATE INDEX institutions_filters ON institutions (district, category, status)`.execute(db)

  await sql`
    CREATE TABLE institution_sites (
      id serial PRIMARY KEY,
      institution_id text NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
      ord integer NOT NULL,
      address text NOT NULL,
      district text NOT NULL CHECK (district IN (${list(DISTRICTS)})),
      lat double precision NOT NULL,
      lng double precision NOT NULL,
      UNIQUE (institution_id, ord)
    )`.execute(db)

  await sql`
    CREATE TABLE institution_status_history (
      id bigserial PRIMARY KEY,
      institution_id text NOT NULL REFERENCES institutions(id),
      status text NOT NULL CHECK (status IN (${list(INSTITUTION_STATUSES)})),
      at date NOT NULL,
      notice text,
      note text,
      source text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX institution_status_history_by_institution ON institution_status_history (institution_id, id)`.execute(db)

  // History is evidence: once written it is never changed or removed.
  await sql`
    CREATE FUNCTION refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'history tables are insert-only (%)', TG_TABLE_NAME;
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER institution_status_history_insert_only
    BEFORE UPDATE OR DELETE ON institution_status_history
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change()`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
