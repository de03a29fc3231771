// Keeps a process's in-memory index current. The index is used only while it is known to match the database:
// after a write in this process (markStale) or a change seen through the change counter (other processes), search
// falls back to SQL until a rebuild — running in the background, one at a time — has caught up.
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema'
import { MemoryIndex } from './memoryIndex'

export interface SearchIndexOptions {
  /** How old the last look at the change counter may be before a search looks again (0: before every search). */
  maxStaleMs: number
  /** See MemoryIndex: matched ranks its per-term cache may hold. */
  termCacheRanks?: number
  /** See MemoryIndex: nearest-first pages of at most this many matches are scored whole (tests set 0 to walk the grid). */
  scoreAllBelow?: number
  log?: (line: string) => void
}

export class SearchIndex {
  private index: MemoryIndex | undefined
  /** Counter value the current index was built from. */
  private builtAt = -1
  private checkedAt = 0
  private stale = true
  private building: Promise<void> | undefined
  private checking: Promise<void> | undefined

  constructor(
    private readonly db: Kysely<Database>,
    private readonly opts: SearchIndexOptions,
  ) {}

  /** The index when it is current, else undefined (the caller answers from SQL). Never waits for a rebuild. */
  async current(): Promise<MemoryIndex | undefined> {
    if (Date.now() - this.checkedAt >= this.opts.maxStaleMs) {
      // With maxStaleMs 0 each search waits for the (one-row) check; otherwise it runs behind the answer.
      const check = this.check().catch(() => {}) // logged; a failed check leaves the index stale
      if (this.opts.maxStaleMs === 0) await check
    }
    if (this.stale || !this.index) {
      void this.rebuild().catch(() => {}) // failure is logged and leaves the index stale: search stays on SQL
      return undefined
    }
    return this.index
  }

  /** A write in this process: stop using the index until it is rebuilt. */
  markStale(): void {
    this.stale = true
    this.checkedAt = 0
  }

  /** Builds now and waits (start-up of a long-running server). */
  async ready(): Promise<void> {
    await this.rebuild()
  }

  private check(): Promise<void> {
    return (this.checking ??= (async () => {
      try {
        const v = await this.counter()
        this.checkedAt = Date.now()
        if (v !== this.builtAt) this.stale = true
      } catch (e) {
        this.stale = true
        console.error('[search index] change check failed; answering from SQL', e)
        throw e
      } finally {
        this.checking = undefined
      }
    })())
  }

  private async counter(db: Kysely<Database> = this.db): Promise<number> {
    const row = await db.selectFrom('change_counters').select('value').where('name', '=', 'institutions').executeTakeFirst()
    return Number(row?.value ?? 0)
  }

  private rebuild(): Promise<void> {
    return (this.building ??= (async () => {
      try {
        const t = Date.now()
        // Read the counter in the same snapshot as the rows, so a write racing the load is seen next time.
        const { version, rows } = await this.db
          .transaction()
          .setIsolationLevel('repeatable read')
          .execute(async (trx) => {
            const version = await this.counter(trx)
            const rows = await trx
              .selectFrom('institutions')
              .select(['id', 'name', 'status', 'category', 'district', 'address', 'lat', 'lng', 'uscc', 'license_no', 'name_pinyin', 'name_initials'])
              .execute()
            return { version, rows }
          })
        this.index = new MemoryIndex(
          rows.map((r) => ({
            id: r.id,
            name: r.name,
            status: r.status,
            category: r.category,
            district: r.district,
            address: r.address,
            lat: r.lat,
            lng: r.lng,
            uscc: r.uscc,
            licenseNo: r.license_no,
            pinyin: r.name_pinyin,
            initials: r.name_initials,
          })),
          this.opts.termCacheRanks,
          this.opts.scoreAllBelow,
        )
        // Only a build that started after the last known change makes the index current again.
        const latest = await this.counter()
        this.builtAt = version
        this.stale = latest !== version
        this.checkedAt = Date.now()
        const mib = (b: number) => (b / 2 ** 20).toFixed(1)
        this.opts.log?.(`搜索索引已就绪：${rows.length} 家机构，用时 ${Date.now() - t} ms，列表 ${mib(this.index.listBytes)} MiB，进程常驻内存 ${mib(process.memoryUsage().rss)} MiB`)
      } catch (e) {
        this.stale = true
        console.error('[search index] rebuild failed; answering from SQL', e)
        throw e
      } finally {
        this.building = undefined
      }
    })())
  }
}
