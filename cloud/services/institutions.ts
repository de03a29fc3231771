// Use cases of the look-up: search, one institution's record, and the verdict for a scanned or typed code.
import type { Kysely } from 'kysely'
import type { Institution, InstitutionListItem, Page, VerifyAnswer } from '../../src/domain/api'
import { AppError } from '../../src/domain/errors'
import { highlightRanges } from '../../src/domain/highlight'
import { classifyQuery, decodeCursor, encodeCursor, type ListCursor } from '../../src/domain/query'
import { STATUS_RANK } from '../../src/domain/catalog'
import { InstitutionIdSchema, InstitutionSearchSchema, VerifyCodeSchema } from '../../src/domain/schemas'
import { readVerifyCode } from '../../src/domain/verifyCode'
import type { Database } from '../store/schema'
import type { PreparedStatements } from '../store/preparedStatements'
import { findInstitution, institutionDetails, searchInstitutions, type SearchHit, type SearchPage } from '../store/institutionRepo'
import type { SearchIndex } from './search/searchIndex'
import type { MemoryIndex } from './search/memoryIndex'
import type { ShardedIndex } from './search/shardedIndex'
import type { SearchService } from '../platform/searchService'
import { syllables, syllablesFromColumns } from '../store/searchText'
import { parseInput } from './validate'
import { badCursor, MAX_OFFSET } from './paging'
import { institutionRowToInstitution, searchHitToListItem } from './institutionView'

const DEFAULT_PAGE = 20
/** Search continues after the last row's key (keyset, src/domain/query.ts); nearest-first pages by offset, no deeper
 *  than any list (MAX_OFFSET). */
function readSearchCursor(cursor: string | undefined): ListCursor | undefined {
  if (!cursor) return undefined
  const c = decodeCursor(cursor, MAX_OFFSET)
  if (!c) throw badCursor()
  return c
}

type SearchInput = ReturnType<typeof parseSearchInput>
const parseSearchInput = (input: unknown) => parseInput(InstitutionSearchSchema, input)

/** `prepared`: a real server's named statements, for the SQL path's statements whose plan does not depend on values.
 *  `remote`: a search service holding an index (a process without one of its own: a cloud-function instance), asked
 *  first; SQL answers whatever it does not. */
export async function search(db: Kysely<Database>, input: unknown, index?: SearchIndex, prepared?: PreparedStatements, remote?: SearchService): Promise<Page<InstitutionListItem>> {
  const i = parseSearchInput(input)
  const memory = index ? await index.current() : undefined
  if (memory) return answer(i, fromMemory(memory))
  const fromService = remote ? await remote.search(i) : undefined
  return fromService ?? answer(i, (filter) => searchInstitutions(db, filter, prepared))
}

/** The search service's answer (the gateway's /internal/search): the page from this process's index, or undefined
 *  while it has none it can trust (building, fallen behind), when the caller answers from SQL itself. */
export async function searchFromIndex(input: unknown, index: SearchIndex | undefined): Promise<Page<InstitutionListItem> | undefined> {
  const i = parseSearchInput(input)
  const memory = index ? await index.current() : undefined
  return memory ? answer(i, fromMemory(memory)) : undefined
}

type SearchFilter = Parameters<typeof searchInstitutions>[1]
type HitSource = (filter: SearchFilter) => SearchPage<SearchHit> | Promise<SearchPage<SearchHit>>

const fromMemory = (memory: ShardedIndex): HitSource => (filter) => fromIndex(memory.search(filter))

/** One page of list items from `read` (the index's or SQL's hits). */
async function answer(i: SearchInput, read: HitSource): Promise<Page<InstitutionListItem>> {
  const query = classifyQuery(i.q ?? '')
  const after = readSearchCursor(i.cursor)
  const limit = i.limit ?? DEFAULT_PAGE
  const near = i.lat !== undefined && i.lng !== undefined ? { lat: i.lat, lng: i.lng } : undefined
  const sortByDistance = i.sort === 'distance'
  const filter = { query, district: i.district, category: i.category, status: i.status, near, sortByDistance, after, limit }
  const { hits, total, capped, more } = await read(filter)
  const wantsHighlight = query.kind === 'chinese' || query.kind === 'pinyin'
  // The index's hits carry each name's syllables (split when it was built, or a changed row's by the same rule,
  // docColumns.splitOf); a row from SQL is split from its columns here.
  const syllablesOf = (h: SearchHit) => {
    if (h.syllables !== undefined) return h.syllables ?? syllables(h.name)
    return (h.pinyin !== undefined && h.initials !== undefined && syllablesFromColumns(h.name, h.pinyin, h.initials)) || syllables(h.name)
  }
  const items = hits.map((h) => searchHitToListItem(h, wantsHighlight ? highlightRanges(h.name, query, query.kind === 'pinyin' ? syllablesOf(h) : []) : []))
  const page: Page<InstitutionListItem> = { items, total, ...(capped ? { totalCapped: true } : {}) }
  const last = hits[hits.length - 1]
  if (!more || !last) return page
  // Nearest-first lists page by offset (bounded); every other list continues after its last row's key.
  if (sortByDistance && near) {
    const next = (after?.kind === 'offset' ? after.offset : 0) + hits.length
    return next <= MAX_OFFSET ? { ...page, nextCursor: encodeCursor({ kind: 'offset', offset: next }) } : page
  }
  const cursor: ListCursor = query.kind === 'uscc_prefix' ? { kind: 'uscc', uscc: last.uscc } : { kind: 'key', rank: STATUS_RANK[last.status], id: last.id, name: last.name }
  return { ...page, nextCursor: encodeCursor(cursor) }
}

function fromIndex(r: ReturnType<MemoryIndex['search']>): SearchPage<SearchHit> {
  return {
    ...r,
    hits: r.hits.map(({ doc, distanceM, syllables }) => ({ id: doc.id, name: doc.name, status: doc.status, category: doc.category, district: doc.district, address: doc.address, uscc: doc.uscc, distance_m: distanceM, syllables })),
  }
}

async function load(db: Kysely<Database>, by: Parameters<typeof findInstitution>[1]): Promise<Institution | undefined> {
  const row = await findInstitution(db, by)
  return row ? institutionRowToInstitution(row, await institutionDetails(db, row)) : undefined
}

export async function get(db: Kysely<Database>, input: unknown): Promise<Institution> {
  const { id } = parseInput(InstitutionIdSchema, input)
  const found = /^[0-9a-f-]{36}$/.test(id) ? await load(db, { id }) : undefined
  if (!found) throw new AppError('not_found', '没有找到该机构，可能编号有误或已被移除')
  return found
}

export async function verify(db: Kysely<Database>, input: unknown): Promise<VerifyAnswer> {
  const { code } = parseInput(VerifyCodeSchema, input)
  const read = readVerifyCode(code)
  if (read.kind === 'invalid') return { result: 'invalid_code', ...(read.codeKind ? { codeKind: read.codeKind } : {}), message: read.message }
  const institution = await load(db, read.kind === 'uscc' ? { uscc: read.code } : { licenseNo: read.code })
  if (!institution) return { result: 'not_found', codeKind: read.kind }
  return { result: institution.status, codeKind: read.kind, institution }
}
