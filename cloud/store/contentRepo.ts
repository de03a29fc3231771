// Queries over articles and published violation cases.
import { sql, type Kysely, type Selectable } from 'kysely'
import type { District } from '../../src/domain/catalog'
import type { ArticleTopic, ViolationType } from '../../src/domain/content'
import type { Database, ViolationCaseTable } from './schema'
import { escapeLike } from './institutionRepo'

export type CaseRow = Selectable<ViolationCaseTable>

export async function listArticles(db: Kysely<Database>, f: { topic?: ArticleTopic; q?: string }) {
  let qb = db.selectFrom('articles').select(['slug', 'title', 'topic', 'summary', 'updated'])
  if (f.topic) qb = qb.where('topic', '=', f.topic)
  if (f.q) qb = qb.where('search_text', 'like', `%${escapeLike(f.q.toLowerCase())}%`)
  return qb.orderBy('topic').orderBy(sql`title COLLATE "C"`).execute()
}

export async function findArticle(db: Kysely<Database>, slug: string) {
  return db.selectFrom('articles').select(['slug', 'title', 'topic', 'summary', 'updated', 'sources', 'blocks']).where('slug', '=', slug).executeTakeFirst()
}

export interface CaseFilter {
  district?: District
  type?: ViolationType
  year?: number
  institutionId?: string
  offset: number
  limit: number
}

export async function listCases(db: Kysely<Database>, f: CaseFilter): Promise<{ rows: CaseRow[]; total: number }> {
  let qb = db.selectFrom('violation_cases')
  if (f.district) qb = qb.where('district', '=', f.district)
  if (f.type) qb = qb.where('type', '=', f.type)
  if (f.year) qb = qb.where('date', '>=', `${f.year}-01-01`).where('date', '<=', `${f.year}-12-31`)
  if (f.institutionId) qb = qb.where('institution_id', '=', f.institutionId)
  const [rows, count] = await Promise.all([
    qb.selectAll().orderBy('date', 'desc').orderBy('id').offset(f.offset).limit(f.limit).execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

export async function findCase(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('violation_cases as c')
    .leftJoin('institutions as i', 'i.id', 'c.institution_id')
    .selectAll('c')
    .select(['i.name as institution_name', 'i.status as institution_status'])
    .where('c.id', '=', id)
    .executeTakeFirst()
}

export async function figures(db: Kysely<Database>) {
  const [byCategory, byDistrict, batches, byType, byMonth] = await Promise.all([
    db.selectFrom('institutions').select(['category']).select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'approved').groupBy('category').execute(),
    db.selectFrom('institutions').select(['district']).select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'approved').groupBy('district').execute(),
    db
      .selectFrom('batches as b')
      .leftJoin('institutions as i', 'i.batch_no', 'b.no')
      .select(['b.no', 'b.date'])
      .select((eb) => eb.fn.count<number>('i.id').as('n'))
      .groupBy(['b.no', 'b.date'])
      .orderBy('b.no')
      .execute(),
    db.selectFrom('violation_cases').select(['type']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('type').execute(),
    db
      .selectFrom('violation_cases')
      .select(sql<string>`to_char(date, 'YYYY-MM')`.as('month'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy(sql`to_char(date, 'YYYY-MM')`)
      .orderBy('month')
      .execute(),
  ])
  return { byCategory, byDistrict, batches, byType, byMonth }
}
