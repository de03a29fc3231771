// Queries over institutions. Which index answers which kind of term is decided here (DESIGN.md "Search").
import { sql, type Kysely, type RawBuilder, type Selectable, type SelectQueryBuilder } from 'kysely'
import { INSTITUTION_STATUSES, STATUS_RANK, type Category, type District, type InstitutionStatus } from '../../src/domain/catalog'
import { TOTAL_CAP, type ClassifiedQuery, type ListCursor } from '../../src/domain/query'
import type { Database, InstitutionTable } from './schema'
import { preparedQuery, type PreparedStatements } from './preparedStatements'
import { termGrams } from './searchText'
import { POSITION_SCALE, POSITION_SQL } from './migrations/017_search_cold_path'
import { HEADS_FROM } from './migrations/025_heads_from_200'
import { QUADS_FROM } from './migrations/024_pinyin_quads'
import { HEAD_CARRIED } from './migrations/028_heads_carry_listed_columns'
import { CATEGORY_CODE_SQL, CATEGORY_CODES, DISTRICT_CODE_SQL, DISTRICT_CODES, STATUS_CODE_SQL } from './migrations/031_nearest_filters_as_codes'

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
  /** The stored pinyin and initials, on an answer from SQL (they spare a highlight the pinyin dictionary:
   *  searchText.syllablesFromColumns). */
  pinyin?: string
  initials?: string
  /** On an answer from the in-memory index to a pinyin search: the name's syllables as the index split them (null:
   *  ask the dictionary). See IndexHit.syllables. */
  syllables?: string[] | null
}

/** A query over institutions before it selects anything (a search's or a round's). */
export type InstitutionsQuery = SelectQueryBuilder<Database, 'institutions', {}>

/** LIKE treats % _ and \ as wildcards; a person typing them means the characters themselves. */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`)
}

export function distanceExpr(near: { lat: number; lng: number }) {
  // Equirectangular approximation: within a city it is off by well under 1 %.
  const k = Math.cos((near.lat * Math.PI) / 180)
  return sql<number>`round(6371000 * sqrt(power(radians(lat - ${near.lat}::float8), 2) + power(${k}::float8 * radians(lng - ${near.lng}::float8), 2)))`
}

/** The status rank as SQL text; migration 010's list-order index was built on exactly this text (a test holds them equal). */
export function statusRankText(): string {
  const arms = INSTITUTION_STATUSES.map((s) => `WHEN '${s}' THEN ${STATUS_RANK[s]}`).join(' ')
  return `(CASE status ${arms} END)`
}

/** The list rank of a row's status as a SQL expression (white list first; STATUS_RANK is the one source). The text is
 *  fixed, so an expression index written with the same function serves the sort. */
export function statusRankSql() {
  return sql.raw(statusRankText())
}

/** The institutions whose name, pinyin, initials or codes hold what was typed: the one home of text matching, for a
 *  search (applyFilter) and a supervisor's round alike. Which index answers which kind is decided here. */
export function whereText(qb: InstitutionsQuery, query: ClassifiedQuery): InstitutionsQuery {
  return textConditions(query).reduce((q, c) => q.where(c), qb)
}

/** whereText's conditions, over columns named as the table's (also over a subquery aliased `institutions`).
 *  `exact`: only what decides a match, without what is there for an index (a walk tests rows it already has). */
function textConditions(query: ClassifiedQuery, o: { exact?: boolean } = {}): RawBuilder<boolean>[] {
  const { kind, term } = query
  if (kind === 'chinese') {
    // Grams prove every 2-character slice is present; only a real substring test proves they are adjacent.
    const grams = sql<boolean>`name_grams @> ${sql.val(termGrams(term))}::text[]`
    return Array.from(term).length > 2 ? [grams, sql<boolean>`lower(name) LIKE ${'%' + escapeLike(term.toLowerCase()) + '%'} ESCAPE '\\'`] : [grams]
  }
  if (kind === 'pinyin') {
    const pattern = '%' + escapeLike(term) + '%'
    // The term in the pinyin or the initials, as one LIKE over both joined by a space (a pinyin term is letters only).
    const like = sql<boolean>`(name_pinyin || ' ' || name_initials) LIKE ${pattern}`
    if (o.exact) return [like]
    // Four letters or more through the four-letter slices (migration 024), cut by the function that cuts the names'.
    // Written as two LIKEs, the planner ANDed the trigram indexes' bitmaps in, which cost what the slices save.
    if (Array.from(term).length >= QUADS_FROM) return [sql<boolean>`letter_quads(name_pinyin, name_initials) @> letter_quads(${term}, '')`, like]
    // Fewer through the trigram indexes, one per column.
    return [sql<boolean>`(name_pinyin LIKE ${pattern} OR name_initials LIKE ${pattern})`]
  }
  if (kind === 'uscc') return [sql<boolean>`uscc = ${term}`]
  if (kind === 'uscc_prefix') return [sql<boolean>`uscc LIKE ${escapeLike(term) + '%'}`]
  if (kind === 'license') return [sql<boolean>`license_no = ${term}`]
  return []
}

function applyFilter(db: Kysely<Database>, f: SearchFilter) {
  let qb = whereText(db.selectFrom('institutions'), f.query)
  // The district as a literal (one of six known names, validated before it gets here): a prepared statement's
  // generic plan can use a district's partial index (migration 017) only if it sees which district.
  if (f.district) qb = qb.where('district', '=', sql.lit(f.district))
  if (f.category) qb = qb.where('category', '=', f.category)
  if (f.status) qb = qb.where('status', '=', f.status)
  return qb
}

const orderKey = () => sql`(${statusRankSql()}, length(name), name COLLATE "C", id COLLATE "C")`
/** The list order's terms (the indexes of migration 010 hold them), also over a CTE with the same column names. */
const LIST_ORDER = () => [statusRankSql(), sql`length(name)`, sql`name COLLATE "C"`, sql`id COLLATE "C"`]

/** What a page shows of a row. */
const SHOWN_COLUMNS = ['id', 'name', 'status', 'category', 'district', 'address', 'uscc'] as const
/** A pinyin term's page also reads each name's stored pinyin and initials: they spare its highlight the pinyin
 *  dictionary (searchText.syllablesFromColumns). No other page uses them, and they are about a third of a row's
 *  bytes, each decoded and parsed by the gateway. */
const WITH_SYLLABLES = [...SHOWN_COLUMNS, 'name_pinyin as pinyin', 'name_initials as initials'] as const
/** A set of hit columns in the forms the statements write them, made once: as Kysely selections, as raw SQL, read
 *  from institutions aliased i, and from name_gram_heads aliased h. */
function hitColumnSet<C extends readonly string[]>(list: C) {
  const of = (t: string) => sql.raw(list.map((c) => c.split(' ')).map(([col, , alias]) => (alias ? `${t}.${col} AS ${alias}` : `${t}.${col}`)).join(', '))
  return { list, raw: sql.raw(list.join(', ')), ofI: of('i'), ofH: of('h') }
}
/** A gram's heads carry every column a page shows (migration 028), so its first page reads no institution row: held
 *  here by the type, so a column shown and not carried does not compile. */
const CARRIED_BY_HEADS: readonly ('id' | 'name' | (typeof HEAD_CARRIED)[number])[] = SHOWN_COLUMNS
void CARRIED_BY_HEADS
const SHOWN = hitColumnSet(SHOWN_COLUMNS)
const SHOWN_WITH_SYLLABLES = hitColumnSet(WITH_SYLLABLES)
const hitColumns = (f: Pick<SearchFilter, 'query'>) => (f.query.kind === 'pinyin' ? SHOWN_WITH_SYLLABLES : SHOWN)
/** What a text is tested on, by the table's names (textConditions), beside a walk's hitColumns. */
const TESTED_COLUMNS = ['name_pinyin', 'name_initials', 'name_grams'] as const

/** Where a keyset page starts, over the table or a CTE of its rows: after the cursor's key in list order, or after
 *  its code (USCC prefixes list in code order). */
const afterKey = (after: Extract<ListCursor, { kind: 'key' }>) =>
  sql<boolean>`${orderKey()} > (${after.rank}, ${Array.from(after.name).length}, ${after.name} COLLATE "C", ${after.id} COLLATE "C")`
const afterUscc = (after: Extract<ListCursor, { kind: 'uscc' }>) => sql<boolean>`uscc COLLATE "C" > ${after.uscc} COLLATE "C"`
/** The same over name_gram_heads aliased h, whose key columns are the list order's terms (a range of its primary key). */
const afterHead = (after: Extract<ListCursor, { kind: 'key' }>) =>
  sql<boolean>`(h.rank, h.len, h.name, h.id) > (${after.rank}, ${Array.from(after.name).length}, ${after.name}, ${after.id})`
/** A hit's distance from the parent, when the search has a point. */
const distanceSql = (f: SearchFilter) => (f.near ? distanceExpr(f.near) : sql<number | null>`NULL::float8`)
const distanceColumn = (f: SearchFilter) => distanceSql(f).as('distance_m')

/** Matches of a single character with filters (the only text counted apart from its page, see likelyFew): at most
 *  this many are fetched whole and sorted (a walk of the order index would pass over most of the table to find
 *  them); more are read by walking the index in list order. */
const SORT_MATCHES_BELOW = 2000

/** A text with filters that admit at most this many rows runs with a generic plan (matchesPage): past it, building
 *  the filters' bitmap costs more than planning for the values (at a million, ~18 ms for a district's 167,000
 *  rows). At 100,000 only a status alone can pass it (pending: 65,932): under load there, a line of 20,000 (a
 *  category or a status alone planned for its values) read 1,487-1,571 req/s against 1,757-1,865 generic. */
const GENERIC_ADMITS_UP_TO = 50_000

/** How many rows match, at most TOTAL_CAP + 1 (or exact, where counted on write): never a scan of every match. Without text, exact from
 *  institution_counts (at most 90 rows; migration 017), since counting a filtered list row by row cost up to
 *  10,001 row visits per page. */
async function countMatches(db: Kysely<Database>, f: SearchFilter): Promise<number> {
  if (f.query.kind === 'empty') return admittedRead(db, f)
  // One or two characters: the names holding that gram, counted on write, per filters too (migrations 019, 026).
  const gram = textGram(f)
  if (gram !== undefined) return Number((await sql<{ n: string }>`${keptGram(f, gram).counts}`.execute(db)).rows[0].n)
  // The matches in a MATERIALIZED CTE, the cap outside it: the CTE is planned as a whole query (through the text
  // index) and read only as far as the cap. A LIMIT beside the condition let the planner guess that a scan of the
  // table finds 10,001 sooner: pg_trgm guesses far too many names hold a pinyin run (232 ms for "chuangzhong").
  const count = await db
    .with((w) => w('m').materialized(), () => applyFilter(db, f).select(sql<number>`1`.as('one')))
    .selectFrom((eb) => eb.selectFrom('m').select('one').limit(TOTAL_CAP + 1).as('c'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(count.n)
}

/** A text that usually matches no more than TOTAL_CAP: one character matches thousands, so it goes straight to count and walk. */
const likelyFew = (f: SearchFilter) => f.query.kind !== 'empty' && !(f.query.kind === 'chinese' && Array.from(f.query.term).length === 1)

/**
 * A text's page and count in one statement: up to TOTAL_CAP + 1 matches read once through the text index, each as
 * the few columns that order it, counted, the page taken from them, and only the page's rows read whole. Undefined
 * when more than TOTAL_CAP match: the caller walks the order index for the page (the total is capped).
 *
 * Why one read of up to TOTAL_CAP: a pinyin run of 2,000–10,000 matches at 100,000 (gongzhi, wdysp) was read three
 * times, once each by a page of the first 2,001 (whole rows), a capped count and a walk of the order index testing
 * every row (33–148 ms serially, against one read of the same rows, as the count alone cost). A statement that
 * always answers one row (the count, with a page's columns beside it or null) also answers "no match" and "a cursor
 * past the end" without a second count.
 *
 * `kept`: the matches' exact count, kept on write (keptGram), read in the same statement: the rows are then read
 * only when 1 to TOTAL_CAP match (a one-time filter), so nothing matching reads nothing and more than TOTAL_CAP
 * does not read 10,001 rows only to say so; the count answers (`n`) for the caller's walk.
 */
async function matchesPage(db: Kysely<Database>, f: SearchFilter, prepared?: PreparedStatements, kept?: KeptGram): Promise<{ page?: SearchPage<SearchHit>; n: number }> {
  // The columns the page's order reads (LIST_ORDER, a distance or a code), and where to read the page's rows: each
  // row's ctid, valid within this statement (one snapshot), so a page row is one heap fetch and not a descent of the
  // primary key too (4-char at a million under load: the server's CPU per answer 616–619 → 541–545 µs).
  const matching = kept ? db.selectFrom('institutions').where(kept.matching) : applyFilter(db, f)
  let keys = matching.select(['id', 'name', 'status', 'uscc']).select(distanceColumn(f)).select(sql`ctid`.as('at'))
  const after = f.after
  // A kept gram's page from its heads first (headsFirst), the matches read only when the heads did not fill it.
  const heads = kept && after?.kind !== 'offset' ? headsFirst(f, kept.gram, after) : undefined
  if (kept) keys = keys.where(sql<boolean>`(SELECT n FROM k) BETWEEN 1 AND ${sql.lit(TOTAL_CAP)}`)
  if (heads) keys = keys.where(sql<boolean>`NOT (SELECT filled FROM hf)`)
  let from = sql``
  let order = LIST_ORDER()
  if (f.sortByDistance && f.near) order = [sql`distance_m`, ...order]
  else if (f.query.kind === 'uscc_prefix') {
    order = [sql`uscc COLLATE "C"`]
    if (after?.kind === 'uscc') from = sql`WHERE ${afterUscc(after)}`
  } else if (after?.kind === 'key') from = sql`WHERE ${afterKey(after)}`
  const offset = after?.kind === 'offset' ? after.offset : 0
  // The cap outside the MATERIALIZED CTE of matches, so the planner reads them through the text index (a LIMIT
  // beside the condition let it guess a scan of the table finds them sooner: see countMatches).
  const statement = sql<SearchHit & { n: string }>`
    WITH ${kept ? sql`k AS MATERIALIZED (${kept.counts}),` : sql``}
         ${heads ? sql`hd AS MATERIALIZED (${heads}), hf AS MATERIALIZED (SELECT count(*) = ${sql.lit(f.limit + 1)} AS filled FROM hd),` : sql``}
         m AS MATERIALIZED (${keys}),
         l AS MATERIALIZED (SELECT * FROM m LIMIT ${sql.lit(TOTAL_CAP + 1)}),
         p AS MATERIALIZED (SELECT at, distance_m FROM l ${from} ORDER BY ${sql.join(order)} OFFSET ${sql.lit(offset)} LIMIT ${sql.lit(f.limit + 1)})
    SELECT h.*, c.n FROM (${kept ? sql`SELECT n FROM k` : sql`SELECT count(*) AS n FROM l`}) c
    LEFT JOIN LATERAL (${heads ? sql`SELECT * FROM hd WHERE (SELECT filled FROM hf) UNION ALL ` : sql``}SELECT ${hitColumns(f).ofI}, p.distance_m FROM p JOIN institutions i ON i.ctid = p.at) h ON true
    ORDER BY ${sql.join(order)}`.compile(db)
  // A named statement with a generic plan, but for a USCC prefix (a LIKE pattern that is a parameter gives the
  // planner no range) and for filters that admit many rows. Without filters the plan reads through the text index
  // whatever the term, as every custom plan did, and planning was about a quarter of a rare term's server time. With
  // filters the generic plan ANDs the text's bitmap with the filters' B-tree (district, category, status), and
  // planning each statement for its values had cost more than running it: 2-char + filters under load at 100,000
  // went 756-784 -> 1,471-1,520 req/s (p99 153-181 -> 67-75 ms). But that bitmap is as large as what the filters
  // admit, and a generic plan builds it whatever the text; planned for its values, a rare text skips it. At a
  // million, serially: a district alone (167,000 rows) 34 ms generic against 16 custom, a status alone 33 against 8;
  // a district, category and status alike (4.4 and 4.9). bench/ANALYSIS.md §18.
  // A whole code (USCC, licence number) names one institution: its plan is the unique index's look-up.
  // Without named statements (PGlite) nothing is to be decided, so the filters' count is not read.
  // A gram with filters through its keys (kept) reads the filters from no other index: its plan is the same for all.
  const generic = !!prepared && f.query.kind !== 'uscc_prefix' && (!!kept || !isFiltered(f) || (await admittedHint(db, f, prepared)) <= GENERIC_ADMITS_UP_TO)
  const rows = (await preparedQuery(generic ? prepared : undefined, db, statement)) as (SearchHit & { n: string })[]
  const n = Number(rows[0].n)
  const hits = rows.filter((r) => r.id !== null).map(countedHit)
  // Past the cap only the heads can have answered (the matches are not read), and only with a full page.
  if (n > TOTAL_CAP && !(heads && hits.length > f.limit)) return { n }
  return { page: pageOf(hits, n, f.limit), n }
}

/**
 * A gram with filters, its page from the gram's heads (migrations 019, 025, 028): they are exactly its names up to
 * their greatest key in list order, each carrying the columns the filters test and a page shows. So when a page and
 * one more pass the filters among them, those are the page, exact, whatever follows the heads; only otherwise are
 * the matches read (matchesPage). 提琴 + arts + approved at a million: 7 pages of the heads' index, against its
 * 4,111 matches read from the table and sorted (37–77 ms serially). Gated on the kept count (`k`): with a page's
 * worth of matches or fewer the heads cannot fill it, and are not read. A gram without heads reads one index descent.
 */
function headsFirst(f: SearchFilter, gram: string, after: SearchFilter['after']) {
  const from = after?.kind === 'key' ? sql`AND ${afterHead(after)}` : sql``
  return sql`SELECT ${SHOWN.ofH}, ${distanceSql(f)} AS distance_m FROM name_gram_heads h
    WHERE h.gram = ${gram} ${sql.join(filterConditions(f).map((c) => sql`AND ${c}`), sql` `)} ${from} AND (SELECT n FROM k) > ${sql.lit(f.limit)}
    ORDER BY h.rank, h.len, h.name, h.id LIMIT ${sql.lit(f.limit + 1)}`
}

/** A row of a statement that read its count beside each hit: the hit alone, its distance as a number (numeric
 *  comes back from pg as a string). */
const countedHit = ({ n: _, ...h }: SearchHit & { n: string }): SearchHit => ({ ...h, distance_m: h.distance_m === null ? null : Number(h.distance_m) })

/** The one gram a Chinese text of one or two characters is: its count is kept on write, per filters too. */
function textGram(f: SearchFilter): string | undefined {
  if (f.query.kind !== 'chinese') return undefined
  const grams = termGrams(f.query.term)
  return Array.from(f.query.term).length <= 2 && grams.length === 1 ? grams[0] : undefined
}

const isFiltered = (f: SearchFilter) => !!(f.district || f.category || f.status)

/** What a gram with filters reads from the counts kept per gram × district × category × status (migration 026), one
 *  index range of at most 90 rows, before any row: how many names match (`n`), and the keys of migration 029's index
 *  they are under (one per combination the filters admit that has names). `matching`: those names, through that
 *  index, as a condition over institutions beside a CTE `k` of the counts. */
interface KeptGram {
  gram: string
  counts: RawBuilder<{ n: number; keys: string[] | null }>
  matching: RawBuilder<boolean>
}

function keptGram(f: SearchFilter, gram: string): KeptGram {
  const where = sql.join([sql<boolean>`gram = ${gram}`, ...filterConditions(f)], sql` AND `)
  return {
    gram,
    counts: sql`SELECT coalesce(sum(n), 0) AS n, array_agg(fk) FILTER (WHERE n > 0) AS keys
      FROM name_gram_filter_counts, unnest(gram_filter_keys(ARRAY[gram], district, category, status)) fk WHERE ${where}`,
    matching: sql<boolean>`gram_filter_keys(name_grams, district, category, status) && (SELECT keys FROM k)`,
  }
}

/** The filters as conditions over columns named as the table's (also the kept counts': institution_counts, 026's). */
function filterConditions(f: Pick<SearchFilter, 'district' | 'category' | 'status'>): RawBuilder<boolean>[] {
  return [
    ...(f.district ? [sql<boolean>`district = ${f.district}`] : []),
    ...(f.category ? [sql<boolean>`category = ${f.category}`] : []),
    ...(f.status ? [sql<boolean>`status = ${f.status}`] : []),
  ]
}

/**
 * A text of one or two characters with filters: its total is kept on write (keptGram), so it is never counted by
 * reading rows. One statement reads the count, then the page from the gram's heads when a page and one more pass the
 * filters there (headsFirst), else, when 1 to TOTAL_CAP match, from the matches (matchesPage), found
 * under their gram's keys with each combination of filters (migration 029: a few short posting lists); more
 * than that are walked in list order (walkedPage), as before, but without first reading 10,001 rows to learn there
 * are more (琴艺 + arts at a million: 114 ms, the walk after it 4 ms); nothing matching reads no row (such a search had
 * cost 4–5 ms cold, the filters' bitmap being built whatever the text). Walking also when fewer match but densely was tried and dropped:
 * names holding a gram cluster in list order (跆拳道's are long, listed late), and a walk that found 5 in its
 * first 523 rows went on through a plan that sorted 23,514 (272 ms, against 56 for reading the 1,933 matches).
 */
async function filteredGramPage(db: Kysely<Database>, f: SearchFilter, gram: string, prepared?: PreparedStatements): Promise<SearchPage<SearchHit>> {
  const { page, n } = await matchesPage(db, f, prepared, keptGram(f, gram))
  // The walk is told no more than "past the cap", as when the count stopped there. Told the exact count, its first
  // bound (2 × page × admitted / count) is shorter, so more walks fall short and go on after a cursor, each a
  // statement of its own: in a run of 400 cold events at a million the two past the cap took 527 ms mean (300 before).
  return page ?? walkedPage(db, f, Math.min(n, TOTAL_CAP + 1), prepared)
}

async function gramCount(db: Kysely<Database>, gram: string): Promise<number> {
  const row = await db.selectFrom('name_gram_counts').select('n').where('gram', '=', gram).executeTakeFirst()
  return row?.n ?? 0
}

/**
 * A USCC prefix without filters, in one statement: its list is in code order, which is the order of the B-tree on the
 * code in C (migration 010), so the page is a range of that index and the total a count of the same range's entries up
 * to the cap (index only), read beside it. The prefix is written as that range, not as LIKE, so the statement can
 * run with a generic plan: a LIKE pattern that is a parameter gives the planner no range. Through the statement for
 * texts (then capped at 2,001) an 8-character prefix (a county and a kind of body: thousands of codes at 100,000) read 2,001 whole rows
 * and sorted them before counting again. Undefined when no row comes back (a cursor past the end): the caller counts.
 */
async function usccPrefixPage(db: Kysely<Database>, f: SearchFilter, prepared?: PreparedStatements): Promise<SearchPage<SearchHit> | undefined> {
  const prefix = f.query.term
  // The first code after every code that starts with the prefix, in byte order (codes are ASCII).
  const beyond = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)
  const inRange = sql`uscc COLLATE "C" >= ${prefix} AND uscc COLLATE "C" < ${beyond}`
  const after = f.after
  const from = after?.kind === 'uscc' ? sql`AND ${afterUscc(after)}` : sql``
  const offset = after?.kind === 'offset' ? after.offset : 0
  const rows = await preparedQuery(
    prepared,
    db,
    sql<SearchHit & { n: string }>`
      SELECT ${hitColumns(f).raw}, ${distanceSql(f)} AS distance_m,
             (SELECT count(*) FROM (SELECT 1 FROM institutions WHERE ${inRange} LIMIT ${sql.lit(TOTAL_CAP + 1)}) c) AS n
      FROM institutions WHERE ${inRange} ${from}
      ORDER BY uscc COLLATE "C" OFFSET ${sql.lit(offset)} LIMIT ${sql.lit(f.limit + 1)}`.compile(db),
  )
  if (!rows.length) return undefined
  return pageOf(
    rows.map(countedHit),
    Number(rows[0].n),
    f.limit,
  )
}

/**
 * A page of a text of one or two characters without filters: one statement, whichever way the gram's count (kept on
 * write) says. Past HEADS_FROM names, from its heads (migrations 019, 025): one range of their primary key, each head
 * carrying what the page shows and its position (028), so no institution row is read. Otherwise its names read whole
 * through the text index and sorted. Each branch is gated on the count (a one-time filter), so only one of them runs.
 * The heads are exactly the gram's names up to their greatest key, so a page they end before is continued by walking
 * the list order after the last head read (or after the cursor, when the cursor is past them): deep pages only.
 */
async function gramPage(db: Kysely<Database>, f: SearchFilter, gram: string, prepared?: PreparedStatements): Promise<SearchPage<SearchHit>> {
  const after = f.after?.kind === 'key' ? f.after : undefined
  const limit = sql.lit(f.limit + 1)
  const n = sql<number>`(SELECT n FROM c)`
  // The same columns in both branches (a Chinese text's page: SHOWN).
  const few = applyFilter(db, f)
    .select(SHOWN.list)
    .select(distanceColumn(f))
    .where(sql<boolean>`${n} <= ${sql.lit(HEADS_FROM)}`)
  const rows = await preparedQuery(
    prepared,
    db,
    sql<SearchHit & { n: number }>`
      WITH c AS MATERIALIZED (SELECT coalesce((SELECT n FROM name_gram_counts WHERE gram = ${gram}), 0) AS n),
           m AS MATERIALIZED (${after ? few.where(afterKey(after)) : few})
      (SELECT ${SHOWN.ofH}, ${distanceSql(f)} AS distance_m, ${n} AS n
       FROM name_gram_heads h
       WHERE h.gram = ${gram} AND ${n} > ${sql.lit(HEADS_FROM)}
         ${after ? sql`AND ${afterHead(after)}` : sql``}
       ORDER BY h.rank, h.len, h.name, h.id LIMIT ${limit})
      UNION ALL
      (SELECT m.*, ${n} AS n FROM m ORDER BY ${sql.join(LIST_ORDER())} LIMIT ${limit})`.compile(db),
  )
  const count = rows.length ? Number(rows[0].n) : await gramCount(db, gram)
  const hits = rows.map(({ n: _, ...h }) => h as SearchHit)
  if (hits.length <= f.limit && count > HEADS_FROM) {
    const last = hits[hits.length - 1]
    const from: ListCursor | undefined = last ? { kind: 'key', rank: STATUS_RANK[last.status], name: last.name, id: last.id } : f.after
    hits.push(...((await listQuery(db, { ...f, after: from, limit: f.limit - hits.length }).execute()) as SearchHit[]))
  }
  return pageOf(hits, count, f.limit)
}

/**
 * One page of a search from SQL. `prepared` (a real server's named statements, preparedStatements.ts) runs the
 * statements whose best plan does not depend on the values: lists without text, nearest first without text, and a
 * one- or two-character text (its statement is gated on the kept count). Planning them cost about as much of the
 * server's CPU as running them (0.4–0.5 ms against 0.2–0.9). A text with more to it is planned for its values.
 */
export async function searchInstitutions(db: Kysely<Database>, f: SearchFilter, prepared?: PreparedStatements): Promise<SearchPage<SearchHit>> {
  const gram = textGram(f)
  if (gram !== undefined && !(f.sortByDistance && f.near)) {
    if (isFiltered(f)) return filteredGramPage(db, f, gram, prepared)
    if (f.after?.kind !== 'offset') return gramPage(db, f, gram, prepared)
  }
  if (f.query.kind === 'uscc_prefix' && !isFiltered(f) && !(f.sortByDistance && f.near)) {
    const page = await usccPrefixPage(db, f, prepared)
    if (page) return page
  }
  // More than TOTAL_CAP match, when matchesPage has read as far as that: counted, so not counted again.
  let capped: number | undefined
  if (likelyFew(f)) {
    const { page } = await matchesPage(db, f, prepared)
    if (page) return page
    capped = TOTAL_CAP + 1
  }
  // A list without text: its page and its total (from institution_counts) in one statement.
  if (f.query.kind === 'empty' && !(f.sortByDistance && f.near)) {
    const rows = (await preparedQuery(prepared, db, listQuery(db, f).select(admittedQuery(db, f).as('n')).compile())) as (SearchHit & { n: string })[]
    if (rows.length) return pageOf(rows.map(({ n: _, ...h }) => h), Number(rows[0].n), f.limit)
  }
  if (f.sortByDistance && f.near) {
    if (f.query.kind === 'empty') return nearestListPage(db, f, prepared)
    const { n, scope } = await nearestCounts(db, f, undefined, capped)
    if (n === 0) return pageOf([], 0, f.limit)
    return { ...(await nearestPage(db, f, n, scope)), total: Math.min(n, TOTAL_CAP), capped: n > TOTAL_CAP }
  }
  const n = capped ?? (await countMatches(db, f))
  if (n === 0) return pageOf([], 0, f.limit)
  if (n <= SORT_MATCHES_BELOW && f.query.kind !== 'empty' && f.query.kind !== 'uscc_prefix') {
    // Few matches: read them all through the text index, then sort. The sort stays outside the MATERIALIZED CTE:
    // inside it the planner may still walk the order index, filtering the whole table (460 ms for a rare term).
    const matches = db.with((w) => w('m').materialized(), () => listQuery(db, f, { unordered: true })).selectFrom('m').selectAll()
    const offset = f.after?.kind === 'offset' ? f.after.offset : 0
    return pageOf((await LIST_ORDER().reduce((q, o) => q.orderBy(o), matches).offset(offset).limit(f.limit + 1).execute()) as SearchHit[], n, f.limit)
  }
  if (f.query.kind === 'uscc_prefix') return pageOf((await listQuery(db, f).execute()) as SearchHit[], n, f.limit)
  return walkedPage(db, f, n, prepared)
}

const NO_TEXT: ClassifiedQuery = { kind: 'empty', term: '' }

/**
 * A text with many matches (more than SORT_MATCHES_BELOW; `n` of them, at least): its page by walking the order index
 * through the rows the filters admit, the text tested on each, until the page is full. The walk is written as rows in
 * list order (at most `take`, a subquery the text cannot be pushed into) and the text over them: left to the planner,
 * a text whose index estimates a few rows was read whole through that index and sorted — peixunzhong at a million,
 * 530,515 matches estimated at 2, took 10.2 s. `take` is twice the rows the page needs at the density n shows; a walk
 * that falls short goes on after the last row it tested, eight times as far, and without a bound once it would reach
 * every admitted row (a hint only: the last walk has no bound, so a stale hint costs time, never rows). The rows come
 * out of the walk in its order, so a walk stops reading once the page is full. Each walk also hands back its last row,
 * matched or not (`rn` = take), and the next starts after it: a term whose matches sit late in list order read its
 * shorter walks again from the start (mingdi at a million: 4,200 and 33,600 rows before the 81,209 that filled it).
 */
export async function walkedPage(db: Kysely<Database>, f: SearchFilter, n: number, prepared?: PreparedStatements): Promise<SearchPage<SearchHit>> {
  const offset = f.after?.kind === 'offset' ? f.after.offset : 0
  const want = offset + f.limit + 1
  const admitted = await admittedHint(db, f, prepared)
  // The order's terms as columns too: ordered by them, the outer query keeps the walk's order without a sort.
  const keys = LIST_ORDER().map((o, k) => o.as(`k${k + 1}`))
  const ordered = sql.join(keys.map((_, k) => sql.ref(`k${k + 1}`)))
  const text = sql.join([sql<boolean>`true`, ...textConditions(f.query, { exact: true })], sql` AND `)
  const inOrder = (from: ListCursor | undefined, take: number | undefined) => {
    // The filters' rows after a key cursor as a list without text reads them (an offset counts matches: outside).
    const admittedRows = listQuery(db, { ...f, query: NO_TEXT, after: from }, { unordered: true })
    // Numbered in the walk's own order (the same terms, so no second sort): the last one marks where it stopped.
    const numbered = admittedRows.select(TESTED_COLUMNS).select(keys).select(sql<number>`row_number() OVER (ORDER BY ${sql.join(LIST_ORDER())})`.as('rn'))
    const rows = LIST_ORDER().reduce((q, o) => q.orderBy(o), numbered)
    // The bound as a subquery, a value the planner cannot see, so it takes its default (a tenth of the rows) and keeps
    // to the order index. Seeing it, a walk going on after a cursor whose rows it underestimated (10,642 where
    // 53,445 were) planned to read them all: the filters' and the order index's bitmaps ANDed, 53,445 rows sorted on
    // disk, 455 ms (分部 + science + approved at a million, against 240 through the index).
    return take === undefined ? rows : rows.limit(sql<number>`(SELECT ${sql.lit(take)})`)
  }
  /** Up to `need` matches of one walk, in list order, and its last row when the walk reached it. */
  const walk = async (from: ListCursor | undefined, take: number | undefined, need: number) =>
    (
      await sql<SearchHit & { hit: boolean; rn: string }>`SELECT ${hitColumns(f).raw}, distance_m, ${text} AS hit, rn
        FROM (${inOrder(from, take)}) AS institutions
        WHERE (${text}) OR rn = ${sql.lit(take ?? 0)}
        ORDER BY ${ordered} LIMIT ${sql.lit(need + 1)}`.execute(db)
    ).rows
  const found: SearchHit[] = []
  let from: ListCursor | undefined = f.after?.kind === 'key' ? f.after : undefined
  let walked = 0
  for (let take = Math.max(4 * want, Math.ceil((2 * want * admitted) / n)); ; take *= 8) {
    // Unbounded once this walk and those before it would reach every admitted row.
    const bound = walked + take < admitted ? take : undefined
    const rows = await walk(from, bound, want - found.length)
    found.push(...rows.filter((r) => r.hit).map(({ hit: _, rn: _rn, ...h }) => h))
    const last = rows.at(-1)
    // Done: the page is full, the walk had no bound, or it ended before its bound (no admitted row is left).
    if (found.length >= want || bound === undefined || !last || Number(last.rn) < bound) break
    from = { kind: 'key', rank: STATUS_RANK[last.status], name: last.name, id: last.id }
    walked += bound
  }
  return pageOf(found.slice(offset), n, f.limit)
}

function pageOf(rows: SearchHit[], n: number, limit: number): SearchPage<SearchHit> {
  return { hits: rows.slice(0, limit), total: Math.min(n, TOTAL_CAP), capped: n > TOTAL_CAP, more: rows.length > limit }
}

/** The matches after the cursor in list order (USCC prefixes: code order), one page and one more; `unordered`: every
 *  match after the cursor, for the caller to sort. */
function listQuery(db: Kysely<Database>, f: SearchFilter, o: { unordered?: boolean } = {}) {
  let page = applyFilter(db, f).select(hitColumns(f).list).select(distanceColumn(f))
  // The status as its list rank too: the order indexes lead with the rank, so a status filter becomes a range of
  // them instead of a walk past every better-ranked institution (blacklisted ones come last: the whole table).
  if (f.status) page = page.where(statusRankSql(), '=', STATUS_RANK[f.status])
  const after = f.after
  // Limit and offset as literals: a generic plan that cannot see them plans for a tenth of the table. An offset
  // cursor (handed out before keysets) counts for code order too: it was dropped there, and page 1 came back again.
  const offset = after?.kind === 'offset' ? after.offset : 0
  if (f.query.kind === 'uscc_prefix') {
    if (after?.kind === 'uscc') page = page.where(afterUscc(after))
    return page.orderBy(sql`uscc COLLATE "C"`).offset(sql.lit(offset)).limit(sql.lit(f.limit + 1))
  }
  if (after?.kind === 'key') {
    page = page.where(afterKey(after))
  }
  if (o.unordered) return page
  return LIST_ORDER().reduce((q, o) => q.orderBy(o), page).offset(sql.lit(offset)).limit(sql.lit(f.limit + 1))
}

/** Metres per degree of latitude (the sphere distanceExpr measures on). */
const METRES_PER_DEGREE = (6371000 * Math.PI) / 180

/**
 * Nearest first. The GiST indexes (migration 017) hand out rows by a plain distance in degrees with longitude scaled
 * by c = POSITION_SCALE (cos of Xiamen's latitude): d = √(Δlat² + (c·Δlng)²). The distance shown is
 * √(Δlat² + (k·Δlng)²) in metres, k = cos(the point's latitude), which is at least min(1, k/c)·d. So take the nearest
 * `take` by d and sort them by true distance: when the last one taken is so far in d that every row not taken is
 * truly farther than the page's last row (+ 1 m for rounding), the page is exact. In Xiamen k/c is within 0.5 % of 1
 * and a quarter more than the page proves it at once; far from Xiamen take more, and at worst sort every match. The walk
 * goes through the index that holds the filters beside the position (migration 023), so it passes only rows the
 * filters admit (`scope` of them); a text is tested on each, about scope / matches rows per match. When that adds up
 * to more than the matches themselves, sorting every match reads fewer rows. Without text scope is the matches, so
 * the walk is taken for anything more than a couple of pages' worth.
 */
async function nearestPage(
  db: Kysely<Database>,
  f: SearchFilter,
  matches: number,
  scope: number,
  prepared?: PreparedStatements,
  counted?: { column: RawBuilder<string>; seen: (n: number) => void },
): Promise<{ hits: SearchHit[]; more: boolean }> {
  const near = f.near!
  const offset = f.after?.kind === 'offset' ? f.after.offset : 0
  const want = offset + f.limit + 1
  const bound = Math.min(1, Math.cos((near.lat * Math.PI) / 180) / POSITION_SCALE)
  const plainDistance = sql<number>`${sql.raw(POSITION_SQL)} <-> point(${near.lng * POSITION_SCALE}::float8, ${near.lat}::float8)`
  /** `withCount`: this read is the page's first, and also reads the exact count (one round trip, not two: see
   *  nearestListPage). */
  const sorted = async (take: number | undefined, withCount = false) => {
    let nearest = (take === undefined ? applyFilter(db, f) : walkFilter(db, f)).select(hitColumns(f).list).select(distanceExpr(near).as('distance_m')).select(plainDistance.as('plain'))
    // Sorting every match of a status in no district: the status also as its list rank (a literal, for a generic
    // plan), so they are one range of the order index, not a scan of the table (35 ms for the 1,103 suspended at
    // 100,000). Not on a walk, nor with a district or a category (the filters index serves them): there the extra
    // condition made the planner AND two bitmaps — nearby + filters fell from 800–970 to 590–670 req/s with a
    // district, and sports + revoked read 4,961 entries of the order index for the 1,649 the filters index gave.
    if (f.status && take === undefined && !f.district && !f.category) nearest = nearest.where(statusRankSql(), '=', sql.lit(STATUS_RANK[f.status]))
    if (take !== undefined) nearest = nearest.orderBy(plainDistance).limit(sql.lit(take))
    let q = db.with((w) => w('c').materialized(), () => nearest).selectFrom('c').selectAll()
    const count = withCount ? counted : undefined
    if (count) q = q.select(count.column.as('n'))
    const rows = (await preparedQuery(prepared, db, [sql`distance_m`, ...LIST_ORDER()].reduce((q, o) => q.orderBy(o), q).limit(sql.lit(take ?? want)).compile())) as NearestRow[]
    if (count && rows.length) count.seen(Number(rows[0].n))
    return rows
  }
  const page = (rows: NearestRow[]) => ({
    hits: rows.slice(offset, offset + f.limit).map(({ plain: _, n: _n, ...h }) => ({ ...h, distance_m: Number(h.distance_m) })),
    more: rows.length > offset + f.limit,
  })
  // A quarter more than the page (at least 4) proves it in Xiamen, where the walk's order is within 0.5 % of the
  // true one: the page's last row would have to be within 0.5 % of the farthest row taken. Three times the page,
  // as first written, read 2.4 times the rows for nothing (a district's walk past a rare category and status passes
  // about 20 rows per match).
  const first = want + Math.max(4, Math.ceil(want / 4))
  // Walking to take rows reads about take × scope / matches rows, each a step of the GiST walk (about twice a row read
  // from a B-tree range); sorting reads every match. So each walk, four times the last, is taken while it reads less.
  // Three walks at most, as first written, sorted all 250,424 of 湖里's institutions at a million for a point 20 km
  // north (966 ms): there the page's 21 lay within 0.17 % (1 − k/c) of the 416th.
  const cheaperThanSorting = (take: number) => 2 * take * scope < matches * matches
  // The first read of the page also reads its count.
  for (let take = first; cheaperThanSorting(take); take *= 4) {
    const rows = await sorted(take, take === first)
    if (rows.length < take) return page(rows) // every match was taken
    const farthestTaken = Math.max(...rows.map((r) => Number(r.plain)))
    if (bound * farthestTaken * METRES_PER_DEGREE > Number(rows[want - 1].distance_m) + 1) return page(rows)
  }
  return page(await sorted(undefined, !cheaperThanSorting(first)))
}

type NearestRow = SearchHit & { plain: number; n?: string }

/** A walk's conditions. With a status or a category, the filters are written as the codes the filters' GiST holds
 *  (migration 031, small integers: 023 held them as text in the C collation), which only conditions written so can
 *  use: plain filters keep to the B-trees (the planner took the GiST for their bitmaps, 3–5 times slower), and written
 *  both ways the planner multiplied the two selectivities and sorted a bitmap's rows instead of walking. A district
 *  alone stays plain, for its partial GiST (017: a third of the time of the filters' GiST at 100,000), the district a
 *  literal, as in applyFilter. */
export function walkFilter(db: Kysely<Database>, f: SearchFilter) {
  if (!f.status && !f.category) return applyFilter(db, f)
  let q = applyFilter(db, { ...f, district: undefined, category: undefined, status: undefined })
  if (f.district) q = q.where(sql<boolean>`${sql.raw(DISTRICT_CODE_SQL)} = ${codeOf(DISTRICT_CODES, f.district)}::int2`)
  if (f.status) q = q.where(sql<boolean>`${sql.raw(STATUS_CODE_SQL)} = ${STATUS_RANK[f.status]}::int2`)
  if (f.category) q = q.where(sql<boolean>`${sql.raw(CATEGORY_CODE_SQL)} = ${codeOf(CATEGORY_CODES, f.category)}::int2`)
  return q
}

/** A filter's value as its code in migration 031's index: its place in the list frozen there, which is the
 *  catalog's (test/unit/searchOrderIndex.test.ts). */
const codeOf = <V extends string>(codes: readonly V[], value: V): number => codes.indexOf(value)

/** The query answering `n`, how many institutions the filters admit, from institution_counts (at most 90 rows;
 *  migration 017): without text the matches, with text the rows a nearest-first walk passes through. Read alone
 *  (admittedRead) or as a scalar column beside a page's rows (a list without text, nearestListPage). */
const admittedQuery = (db: Kysely<Database>, f: Pick<SearchFilter, 'district' | 'category' | 'status'>) => {
  return filterConditions(f).reduce((q, c) => q.where(c), db.selectFrom('institution_counts').select(sql<string>`coalesce(sum(n), 0)`.as('n')))
}

/** The matches of a nearest-first page (capped as countMatches; `known` when counted already) and how many
 *  institutions its walk passes through: those its filters admit, which without text are the matches (one read of
 *  institution_counts). */
async function nearestCounts(db: Kysely<Database>, f: SearchFilter, prepared?: PreparedStatements, known?: number): Promise<{ n: number; scope: number }> {
  if (f.query.kind !== 'empty') {
    const [n, scope] = await Promise.all([known ?? countMatches(db, f), admittedRead(db, f)])
    return { n, scope }
  }
  const n = await admittedRead(db, f, prepared)
  return { n, scope: n }
}

/** How many institutions the filters admit (institution_counts). */
async function admittedRead(db: Kysely<Database>, f: SearchFilter, prepared?: PreparedStatements): Promise<number> {
  const [r] = await preparedQuery(prepared, db, admittedQuery(db, f).compile())
  return Number(r.n)
}

/** Per database, how many institutions each filter combination admitted when last read (at most 7 × 4 × 6 keys:
 *  validated names): a nearest-first page without text reads it beside its rows, a text with filters reads it
 *  once. Hints only: a stale one can pick a slower read or plan, never a wrong page or total. */
const admittedSeen = new WeakMap<Kysely<Database>, Map<string, number>>()

function admittedSeenOf(db: Kysely<Database>): Map<string, number> {
  let seen = admittedSeen.get(db)
  if (!seen) admittedSeen.set(db, (seen = new Map()))
  return seen
}

const filterKey = (f: SearchFilter) => `${f.district ?? ''}/${f.category ?? ''}/${f.status ?? ''}`

/** How many institutions the filters admit, as last seen (read once from institution_counts when never seen). */
async function admittedHint(db: Kysely<Database>, f: SearchFilter, prepared?: PreparedStatements): Promise<number> {
  const seen = admittedSeenOf(db)
  const key = filterKey(f)
  let hint = seen.get(key)
  if (hint === undefined) seen.set(key, (hint = await admittedRead(db, f, prepared)))
  return hint
}

/**
 * Nearest first without text, in one round trip once a filter combination has been seen: the page's statement also
 * reads its exact count (a scalar subquery of institution_counts, run once), and whether to walk or sort is decided
 * by the count the combination's previous page read — a hint: a stale one can only pick the slower read, never a
 * wrong page or total. Counting first, as before, was a second round trip for 0.05 ms of the server's work.
 */
async function nearestListPage(db: Kysely<Database>, f: SearchFilter, prepared?: PreparedStatements): Promise<SearchPage<SearchHit>> {
  const seen = admittedSeenOf(db)
  const key = filterKey(f)
  // Without text the matches are the rows the filters admit.
  const hint = await admittedHint(db, f, prepared)
  let n: number | undefined
  const counted = { column: sql<string>`(${admittedQuery(db, f)})`, seen: (x: number) => seen.set(key, (n = x)) }
  // Without text the walk passes only the matches (scope = matches: nearestCounts).
  const { hits, more } = await nearestPage(db, f, hint, hint, prepared, counted)
  // No row read: nothing matches (a page from the first match reads one if any does), or an offset past the end.
  if (n === undefined) {
    const offset = f.after?.kind === 'offset' ? f.after.offset : 0
    counted.seen(offset ? (await nearestCounts(db, f, prepared)).n : 0)
  }
  return { hits, more, total: Math.min(n!, TOTAL_CAP), capped: n! > TOTAL_CAP }
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
