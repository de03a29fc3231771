import { sql, type Kysely } from 'kysely'
import { ARTICLE_TOPICS, VIOLATION_TYPES } from '../../../src/domain/content'
import { CATEGORIES, DISTRICTS } from '../../../src/domain/catalog'

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))

export async function up(db: Kysely<unknown>): Promise<void> {
  // Articles come from content/articles/*.md; the loader upserts by slug and skips unchanged files (by hash).
  await sql`
    CREATE TABLE articles (
      slug text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      title text NOT NULL,
      topic text NOT NULL CHECK (topic IN (${list(ARTICLE_TOPICS)})),
      summary text NOT NULL,
      sources jsonb NOT NULL,
      updated date NOT NULL,
      blocks jsonb NOT NULL,
      search_text text NOT NULL,
      content_hash text NOT NULL,
      loaded_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)

  // Published violation cases (曝光台). An entity without a licence has no institution row.
  await sql`
    CREATE TABLE violation_cases (
      id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
      date date NOT NULL,
      entity_name text NOT NULL,
      institution_id text REFERENCES institutions(id),
      district text NOT NULL CHECK (district IN (${list(DISTRICTS)})),
      category text CHECK (category IN (${list(CATEGORIES)})),
      type text NOT NULL CHECK (type IN (${list(VIOLATION_TYPES)})),
      facts text NOT NULL,
      outcome text NOT NULL,
      department text NOT NULL,
      notice text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX violation_cases_by_date ON violation_cases (date DESC, id)`.execute(db)
  await sql`CREATE INDEX violation_cases_by_institution ON violation_cases (institution_id) WHERE institution_id IS NOT NULL`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
