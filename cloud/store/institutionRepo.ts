// Queries over institutions. Which index answers which kind of term is decided here (DESIGN.md "Search").
import { sql, type Kysely, type Selectable } from 'kysely'
import { INSTITUTION_STATUSES, STATUS_RANK, type Category, type District, type InstitutionStatus } from '../../src/domain/catalog'
import type { ClassifiedQuery } from '../../src/domain/query'
import type { Database, InstitutionTable } from './schema'
import { termGrams } from './searchText'

export interface SearchFilter {
  query: ClassifiedQuery
  district?: District
  category?: Category
  status?: InstitutionStatus
  near?: { lat: number; lng: number }
  sortByDistance: boolean
  offset: number
  limit: number
}

export interface SearchHit {
  id: string
  name: string
  status: InstitutionStatus
  category: Category
  district: District
  address: string
  distance_m: number | null
}

/** LIKE treats % _ and \ as wildcards; a person typing them means the characters themselves. */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`)
}

function distanceExpr(near: { lat: number; lng: number }) {
  // Equirectangular approximation: within a city it is off by well under 1 %.
  const k = Math.cos((near.lat * Math.PI) / 180)
  return sql<number>`round(6371000 * sqrt(power(radians(lat - ${near.lat}::float8), 2) + power(${k}::float8 * radians(lng - ${near.lng}::float8), 2)))`
}

/** The list rank of a row's status as a SQL expression (white list first; STATUS_RANK is the one source). The text is
 *  fixed, so an expression index written with the same function serves the sort. */
export function statusRankSql() {
  const arms = INSTITUTION_STATUSES.map((s) => `WHEN '${s}' THEN ${STATUS_RANK[s]}`).join(' ')
  return sql.raw(`(CASE status ${arms} END)`)
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

export async function searchInstitutions(db: Kysely<Database>, f: SearchFilter): Promise<{ hits: SearchHit[]; total: number }> {
  const base = applyFilter(db, f)
  const distance = f.near ? distanceExpr(f.near) : sql<number | null>`NULL::float8`
  let page = base
    .select(['id', 'name', 'status', 'category', 'district', 'address'])
    .select(distance.as('distance_m'))
  // Code-point order (COLLATE "C"), whatever the database's locale: the in-memory index lists in exactly this order.
  if (f.sortByDistance) page = page.orderBy('distance_m')
  else if (f.query.kind === 'uscc_prefix') page = page.orderBy(sql`uscc COLLATE "C"`)
  page = page.orderBy(statusRankSql()).orderBy(sql`length(name)`).orderBy(sql`name COLLATE "C"`).orderBy(sql`id COLLATE "C"`)
  const [hits, count] = await Promise.all([
    page.offset(f.offset).limit(f.limit).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { hits: hits as SearchHit[], total: Number(count.n) }
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
