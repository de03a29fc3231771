// Queries over institutions. Which index answers which kind of term is decided here (DESIGN.md "Search").
import { sql, type Kysely, type Selectable } from 'kysely'
import { INSTITUTION_STATUSES, STATUS_RANK, type Category, type District, type InstitutionStatus } from '../../src/domain/catalog'
import { TOTAL_CAP, type ClassifiedQuery, type ListCursor } from '../../src/domain/query'
import type { Database, InstitutionTable } from './schema'
import { termGrams } from './searchText'

export interface SearchFilter {
  query: ClassifiedQuery
  district?: District
  category?: Category
  status?: InstitutionStatus
  near?: { lat: number; lng: number }
  sortByDistance: boolean
  /** Where the page starts (absent: the first page). */
  after?: ListCursor
  limit: number
}

/** One page: `total` counts at most TOTAL_CAP matches (`capped` when more match); `more` says a next page exists. */
export interface SearchPage<H> {
  hits: H[]
  total: number
  capped: boolean
  more: boolean
}

export interface SearchHit {
  id: string
  name: string
  status: InstitutionStatus
  category: Category
  district: District
  address: string
  uscc: string
  distance_m: number | null
  /** The stored pinyin and initials, when the answer came from the in-memory index (they spare a highlight the
   *  pinyin dictionary: searchText.syllablesFromColumns). */
  pinyin?: string
  initials?: string
}

/** LIKE treats % _ and \ as wildcards; a person typing them means the characters themselves. */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`)
}

export function distanceExpr(near: { lat: number; lng: number }) {
  // Equirectangular approximation: within a city it is off by well under 1 %.
  const k = Math.cos((near.lat * Math.PI) / 180)
  return sql<number>`round(6371000 * sqrt(power(radians(lat - ${near.lat}::float8), 2) + power(${k}::float8 * radians(lng - ${near.lng}::float8), 2)))`
}

/** The list rank of a row's status as a SQL expression (white list first; STATUS_RANK is the one source). The text is
 *  fixed, so an expression index written with the same function serves the sort. */
/** The status rank as SQL text; migration 010's list-order index was built on exactly this text (a test holds them equal). */
export function statusRankText(): string {
  const arms = INSTITUTION_STATUSES.map((s) => `WHEN '${s}' THEN ${STATUS_RANK[s]}`).join(' ')
  return `(CASE status ${arms} END)`
}

export function statusRankSql() {
  return sql.raw(statusRankText())
}

function applyFilter(db: Kysely<Database>, f: SearchFilter) {
  let qb = db.selectFrom('institutions')
  const { kind, term } = f.query
  if (kind === 'chinese') {
    const grams = termGrams(term)
    qb = qb.where(sql<boolean>`name_grams @> ${sql.val(grams)}::text[]`)
    // Grams prove every 2-character slice is present; only a real substring test proves they are adjacent.
    if (Array.from(term).length > 2) qb = qb.where(sql<boolean>`lower(name) LIKE ${'%' + escapeLike(term.toLowerCase()) + '%'} ESCAPE '\\'`)
  } else if (kind === 'pinyin') {
    const pattern = '%' + escapeLike(term) + '%'
    qb = qb.where((eb) => eb.or([eb('name_pinyin', 'like', pattern), eb('name_initials', 'like', pattern)]))
  } else if (kind === 'uscc') {
    qb = qb.where('uscc', '=', term)
  } else if (kind === 'uscc_prefix') {
    qb = qb.where('uscc', 'like', escapeLike(term) + '%')
  } else if (kind === 'license') {
    qb = qb.where('license_no', '=', term)
  }
  if (f.district) qb = qb.where('district', '=', f.district)
  if (f.category) qb = qb.where('category', '=', f.category)
  if (f.status) qb = qb.where('status', '=', f.status)
  return qb
}

const orderKey = () => sql`(${statusRankSql()}, length(name), name COLLATE "C", id COLLATE "C")`

/** Matches of a filter with at most this many are fetched whole and sorted (a walk of the order index would pass
 *  over most of the table to find them); more are read by walking the index in list order. */
const SORT_MATCHES_BELOW = 2000

export async function searchInstitutions(db: Kysely<Database>, f: SearchFilter): Promise<SearchPage<SearchHit>> {
  const base = applyFilter(db, f)
  // A count that stops at TOTAL_CAP + 1 rows: never a scan of every match.
  const count = await db
    .selectFrom(base.select(sql<number>`1`.as('one')).limit(TOTAL_CAP + 1).as('m'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  const n = Number(count.n)
  const total = Math.min(n, TOTAL_CAP)
  const capped = n > TOTAL_CAP
  if (n === 0) return { hits: [], total, capped, more: false }
  const columns = ['id', 'name', 'status', 'category', 'district', 'address', 'uscc'] as const
  if (f.sortByDistance && f.near) return { ...(await nearestPage(db, f, n)), total, capped }
  let page = base.select(columns).select((f.near ? distanceExpr(f.near) : sql<number | null>`NULL::float8`).as('distance_m'))
  const after = f.after
  if (f.query.kind === 'uscc_prefix') {
    if (after?.kind === 'uscc') page = page.where(sql<boolean>`uscc COLLATE "C" > ${after.uscc} COLLATE "C"`)
    page = page.orderBy(sql`uscc COLLATE "C"`)
  } else {
    if (after?.kind === 'key') {
      page = page.where(sql<boolean>`${orderKey()} > (${after.rank}, ${Array.from(after.name).length}, ${after.name} COLLATE "C", ${after.id} COLLATE "C")`)
    }
    page = page.orderBy(statusRankSql()).orderBy(sql`length(name)`).orderBy(sql`name COLLATE "C"`).orderBy(sql`id COLLATE "C"`)
  }
  if (after?.kind === 'offset') page = page.offset(after.offset)
  let rows: SearchHit[]
  if (n <= SORT_MATCHES_BELOW && f.query.kind !== 'empty') {
    // Few matches: read them all through the text index, then sort (MATERIALIZED keeps the planner from walking
    // the order index instead).
    const q = db.with((w) => w('m').materialized(), () => page.limit(f.limit + 1)).selectFrom('m').selectAll()
    rows = (await q.execute()) as SearchHit[]
  } else rows = (await page.limit(f.limit + 1).execute()) as SearchHit[]
  return { hits: rows.slice(0, f.limit), total, capped, more: rows.length > f.limit }
}

/** Nearest first: look in a box around the point that doubles until it holds the page, so the database reads the
 *  rows near the point (institutions_position) instead of measuring every match. */
async function nearestPage(db: Kysely<Database>, f: SearchFilter, matches: number): Promise<{ hits: SearchHit[]; more: boolean }> {
  const near = f.near!
  const offset = f.after?.kind === 'offset' ? f.after.offset : 0
  const want = offset + f.limit + 1
  const distance = distanceExpr(near)
  const page = (box?: number) => {
    let q = applyFilter(db, f)
      .select(['id', 'name', 'status', 'category', 'district', 'address', 'uscc'])
      .select(distance.as('distance_m'))
    if (box !== undefined) {
      const dLat = box / 6371000 / (Math.PI / 180)
      const dLng = dLat / Math.max(1e-6, Math.cos((near.lat * Math.PI) / 180))
      q = q.where('lat', '>=', near.lat - dLat).where('lat', '<=', near.lat + dLat).where('lng', '>=', near.lng - dLng).where('lng', '<=', near.lng + dLng)
    }
    return q.orderBy('distance_m').orderBy(statusRankSql()).orderBy(sql`length(name)`).orderBy(sql`name COLLATE "C"`).orderBy(sql`id COLLATE "C"`).limit(want).execute() as Promise<SearchHit[]>
  }
  let rows: SearchHit[] | undefined
  // Anything outside a box of half-side `box` metres is farther than `box`; so the box's page is the true page
  // when it is full and its last row lies strictly nearer than the box's edge.
  for (let box = 1000; box <= 64_000 && matches > SORT_MATCHES_BELOW; box *= 4) {
    const got = await page(box)
    if (got.length >= want && Number(got[want - 1].distance_m) < box - 1) {
      rows = got
      break
    }
  }
  rows ??= await page()
  const hits = rows.slice(offset, offset + f.limit).map((h) => ({ ...h, distance_m: Number(h.distance_m) }))
  return { hits, more: rows.length > offset + f.limit }
}

export type InstitutionRow = Selectable<InstitutionTable>

export async function findInstitution(db: Kysely<Database>, by: { id?: string; uscc?: string; licenseNo?: string }) {
  let qb = db.selectFrom('institutions').selectAll()
  if (by.id) qb = qb.where('id', '=', by.id)
  else if (by.uscc) qb = qb.where('uscc', '=', by.uscc)
  else if (by.licenseNo) qb = qb.where('license_no', '=', by.licenseNo)
  else return undefined
  return qb.executeTakeFirst()
}

export async function institutionDetails(db: Kysely<Database>, row: InstitutionRow) {
  const [sites, history, batch, cases] = await Promise.all([
    db.selectFrom('institution_sites').selectAll().where('institution_id', '=', row.id).orderBy('ord').execute(),
    db.selectFrom('institution_status_history').selectAll().where('institution_id', '=', row.id).orderBy('id', 'desc').execute(),
    row.batch_no === null ? Promise.resolve(undefined) : db.selectFrom('batches').selectAll().where('no', '=', row.batch_no).executeTakeFirst(),
    db.selectFrom('violation_cases').select(['id', 'date', 'type']).where('institution_id', '=', row.id).orderBy('date', 'desc').execute(),
  ])
  return { sites, history, batch, cases }
}
