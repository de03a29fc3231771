import { sql, type Kysely } from 'kysely'

// Published notices (公告、决定、通报) as rows of their own, so a parent can open one: its title, issuer, date, document
// number and, where one exists, the official link. A notice is known by its title and date. The text columns that
// held the title before stay (and are still written), so anything reading them keeps working.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notices (
      id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      issuer text NOT NULL DEFAULT '' CHECK (length(issuer) <= 200),
      date date NOT NULL,
      doc_no text CHECK (length(doc_no) BETWEEN 1 AND 100),
      url text CHECK (url ~ '^https?://[^\\s]+$' AND length(url) <= 500),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (title, date)
    )`.execute(db)

  await sql`ALTER TABLE batches ADD COLUMN notice_id text REFERENCES notices(id)`.execute(db)
  await sql`ALTER TABLE institutions ADD COLUMN blacklist_notice_id text REFERENCES notices(id)`.execute(db)
  await sql`ALTER TABLE institution_status_history ADD COLUMN notice_id text REFERENCES notices(id)`.execute(db)
  await sql`ALTER TABLE violation_cases ADD COLUMN notice_id text REFERENCES notices(id)`.execute(db)

  // Backfill: one notice per distinct (title, date) of the old strings. The issuer is the case's department, or what
  // precedes 关于 in the title (厦门市思明区文化和旅游局关于…), or unknown ('').
  await sql`
    INSERT INTO notices (title, issuer, date)
    SELECT title, max(issuer), date FROM (
      SELECT notice AS title, date, '' AS issuer FROM batches
      UNION ALL SELECT blacklist_notice, blacklist_date, '' FROM institutions WHERE blacklist_date IS NOT NULL
      UNION ALL SELECT notice, at, '' FROM institution_status_history
      UNION ALL SELECT notice, date, department FROM violation_cases
    ) s
    WHERE title IS NOT NULL AND btrim(title) <> '' AND length(title) <= 300
    GROUP BY title, date`.execute(db)
  await sql`
    UPDATE notices SET issuer = left(title, position('关于' IN title) - 1)
    WHERE issuer = '' AND position('关于' IN title) BETWEEN 2 AND 200`.execute(db)

  await sql`UPDATE batches b SET notice_id = n.id FROM notices n WHERE n.title = b.notice AND n.date = b.date`.execute(db)
  await sql`
    UPDATE institutions i SET blacklist_notice_id = n.id FROM notices n
    WHERE n.title = i.blacklist_notice AND n.date = i.blacklist_date`.execute(db)
  await sql`UPDATE violation_cases c SET notice_id = n.id FROM notices n WHERE n.title = c.notice AND n.date = c.date`.execute(db)
  // History stays insert-only for every change of substance; filling in the link to the notice it already names is
  // not one, so the guard steps aside for this one statement, inside the migration's transaction.
  await sql`ALTER TABLE institution_status_history DISABLE TRIGGER institution_status_history_insert_only`.execute(db)
  await sql`
    UPDATE institution_status_history h SET notice_id = n.id FROM notices n
    WHERE n.title = h.notice AND n.date = h.at`.execute(db)
  await sql`ALTER TABLE institution_status_history ENABLE TRIGGER institution_status_history_insert_only`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
