// Random writes to the institutions table and searches aimed at what they touched: the tests that hold the
// in-memory index to SQL after changes (searchUpdates: laid over in place; searchSaved: over a base loaded from disk).
import { sql, type Kysely } from 'kysely'
import { CATEGORIES, DISTRICTS, INSTITUTION_STATUSES } from '../../src/domain/catalog'
import { generateSample } from '../../content/sample/generate'
import { nameSearchColumns } from '../../cloud/store/searchText'
import type { Database } from '../../cloud/store/schema'

const sample = generateSample()
const WORDS = ['舞蹈', '马术', '编程', '艺术', '培训', '中心', '学校', '厦门', '书法', '美术', '钢琴', '围棋']
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'

interface Row {
  id: string
  name: string
  uscc: string
  license_no: string
  lat: number
  lng: number
}

/** One random change to the institutions table. */
export async function randomChange(db: Kysely<Database>, r: () => number, serial: { n: number }): Promise<void> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]
  const some = async () => (await sql<Row>`SELECT id, name, uscc, license_no, lat, lng FROM institutions ORDER BY md5(id || ${String(r())}) LIMIT 1`.execute(db)).rows[0]
  const kind = r()
  if (kind < 0.35) {
    const row = await some()
    await sql`UPDATE institutions SET status = ${pick(INSTITUTION_STATUSES)}, status_as_of = '2026-12-01', blacklist_reason = coalesce(blacklist_reason, '测试') WHERE id = ${row.id}`.execute(db)
  } else if (kind < 0.5) {
    const row = await some()
    const name = `${pick(WORDS)}${pick(WORDS)}${pick(WORDS)}${serial.n++}`
    const c = nameSearchColumns(name)
    await sql`UPDATE institutions SET name = ${name}, name_pinyin = ${c.name_pinyin}, name_initials = ${c.name_initials}, name_grams = ${sql.val(c.name_grams)}::text[] WHERE id = ${row.id}`.execute(db)
  } else if (kind < 0.6) {
    const row = await some()
    await sql`UPDATE institutions SET lat = ${row.lat + (r() - 0.5) * 0.02}, lng = ${row.lng + (r() - 0.5) * 0.02}, district = ${pick(DISTRICTS)} WHERE id = ${row.id}`.execute(db)
  } else if (kind < 0.8) {
    const name = `${pick(WORDS)}${pick(WORDS)}培训${serial.n++}`
    const c = nameSearchColumns(name)
    const uscc = '913502' + Array.from({ length: 12 }, () => pick(USCC_CHARS.split(''))).join('')
    const at = pick(sample.institutions)
    await sql`
      INSERT INTO institutions (name, name_pinyin, name_initials, name_grams, uscc, license_no, category, district, status, status_as_of, address, lat, lng, blacklist_reason)
      VALUES (${name}, ${c.name_pinyin}, ${c.name_initials}, ${sql.val(c.name_grams)}::text[], ${uscc}, ${'测试许可' + serial.n++}, ${pick(CATEGORIES)}, ${pick(DISTRICTS)},
              ${pick(INSTITUTION_STATUSES)}, '2026-12-01', '厦门市测试路', ${at.lat + (r() - 0.5) * 0.01}, ${at.lng + (r() - 0.5) * 0.01}, '测试')`.execute(db)
  } else if (kind < 0.92) {
    // Removed: one nothing else refers to (sample institutions have history, cases, complaints).
    await sql`DELETE FROM institutions WHERE id = (SELECT id FROM institutions WHERE license_no LIKE '测试许可%' ORDER BY md5(id || ${String(r())}) LIMIT 1)`.execute(db)
  } else {
    // One statement touching many rows.
    await sql`UPDATE institutions SET status = ${pick(INSTITUTION_STATUSES)}, blacklist_reason = coalesce(blacklist_reason, '测试') WHERE district = ${pick(DISTRICTS)} AND status = ${pick(INSTITUTION_STATUSES)} AND category = ${pick(CATEGORIES)}`.execute(db)
  }
}

/** Searches aimed at the rows most likely changed (new names, new codes), besides the generated shapes. */
export async function targetedQueries(db: Kysely<Database>): Promise<Record<string, unknown>[]> {
  const recent = (await sql<Row & { name_initials: string }>`SELECT id, name, uscc, license_no, lat, lng, name_initials FROM institutions WHERE license_no LIKE '测试许可%' OR status_as_of = '2026-12-01' ORDER BY id LIMIT 25`.execute(db)).rows
  return recent.flatMap((x) => [
    { q: x.uscc },
    { q: x.uscc.slice(0, 9) },
    { q: x.license_no },
    { q: Array.from(x.name).slice(0, 2).join('') },
    { q: Array.from(x.name).slice(1, 5).join(''), status: 'approved' },
    { q: x.name_initials.slice(0, 3) },
    { lat: x.lat, lng: x.lng, sort: 'distance', limit: 10 },
  ])
}

