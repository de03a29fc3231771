// The supervisor's round (supervision.institutions): the institutions of their own district, nearest first from where
// they stand, or the longest unvisited first — never visited at the top — so that visits spread over the district
// instead of piling up on the easy addresses. A last visit is anyone's, not only the caller's.
import { sql, type Kysely } from 'kysely'
import type { Account, Page } from '../../../src/domain/api'
import { AppError } from '../../../src/domain/errors'
import { classifyQuery } from '../../../src/domain/query'
import { RoundSchema, type RoundItem } from '../../../src/domain/observations'
import { distanceExpr, whereText } from '../../store/institutionRepo'
import type { Database } from '../../store/schema'
import { requireCan } from '../access'
import { pageOf, readCursor } from '../paging'
import { parseInput } from '../validate'

const PAGE = 20
const NEED_NEAR = '按距离排序需要您当前的位置，请允许定位后重试'

export async function round(db: Kysely<Database>, actor: Account | undefined, input: unknown): Promise<Page<RoundItem>> {
  const a = requireCan(actor, 'observation.submit', undefined, { forbidden: '只有监督员可以查看巡查名录' })
  const i = parseInput(RoundSchema, input)
  if (i.sort === 'distance' && !i.near) throw new AppError('invalid_input', NEED_NEAR, { near: NEED_NEAR })
  const offset = readCursor(i.cursor)
  // observation.submit is granted only with a district (scope `district`), so a.district is set here.
  // A name, its pinyin or initials, or a code, matched as the public search matches them.
  const base = whereText(db.selectFrom('institutions').where('district', '=', a.district!), classifyQuery(i.q ?? ''))
  // Per row, the newest visit through observations_by_institution (institution_id, visited_at DESC): one index probe.
  const lastVisit = sql<Date | null>`(SELECT max(o.visited_at) FROM observations o WHERE o.institution_id = institutions.id)`
  let q = base
    .select(['id', 'name', 'address', 'category', 'status', 'lat', 'lng'])
    .select(lastVisit.as('last_visited_at'))
    .select(i.near ? distanceExpr(i.near).as('distance_m') : sql<null>`NULL::float8`.as('distance_m'))
  q = i.sort === 'distance' ? q.orderBy(sql`distance_m`).orderBy('id') : q.orderBy(sql`last_visited_at ASC NULLS FIRST`).orderBy('name').orderBy('id')
  const [rows, count] = await Promise.all([
    q.limit(PAGE).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  const items: RoundItem[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    address: r.address,
    category: r.category,
    status: r.status,
    lat: r.lat,
    lng: r.lng,
    // numeric from round() comes back as text through pg.
    ...(r.distance_m !== null ? { distanceM: Number(r.distance_m) } : {}),
    ...(r.last_visited_at ? { lastVisitedAt: new Date(r.last_visited_at).toISOString() } : {}),
  }))
  return pageOf(items, Number(count.n), offset)
}
