// A server on PostgreSQL builds each search index base in a worker thread (issue 12, point 2). What the worker hands
// back answers as an index built here (searchUpdates.test.ts checks that after random changes); these check its
// life cycle: a failing worker leaves search on SQL with a reason, and a shutdown ends a build in progress.
import { search } from '../../cloud/services/institutions'
import { buildInWorker } from '../../cloud/services/search/buildInWorker'
import { BuildStopped } from '../../cloud/services/search/memoryIndex'
import { SearchIndex } from '../../cloud/services/search/searchIndex'
import { openApi, type ApiClient } from '../support/harness'

describe('search index bases built in a worker thread on postgres', () => {
  let api: ApiClient
  beforeAll(async () => {
    api = await openApi('postgres', 'main', { config: { SEARCH_INDEX: 'false' } })
  })
  afterAll(async () => api?.close())

  it('when the worker builds, then the index serves and the log says where it was built, how long each part took and its size', async () => {
    const log: string[] = []
    const index = new SearchIndex(api.env.db, { maxStaleMs: 0, log: (l) => log.push(l) })
    await index.ready(buildInWorker(api.databaseUrl!))
    expect(index.serving).toBe(true)
    expect(log).toHaveLength(1)
    expect(log[0]).toMatch(/^搜索索引已就绪：\d+ 家机构，分 1 片，重建 1 片，用时 \d+ ms（在工作线程中构建：读取 \d+ ms，构建 \d+ ms，接收 [\d.]+ ms（文本 \d+ 段，逐段解码），线程堆 \d+ MiB），列表 [\d.]+ MiB/)
    const q = { q: '舞蹈' }
    expect(await search(api.env.db, q, index)).toEqual(await search(api.env.db, q))
  })

  it('when the first build is split in 4 and may run 2 workers at once, then 2 run side by side, each part is built once and answers equal SQL', async () => {
    const build = buildInWorker(api.databaseUrl!)
    let running = 0
    let most = 0
    const parts: number[] = []
    const counting: typeof build = async (o) => {
      parts.push(o.shard.index)
      most = Math.max(most, ++running)
      try {
        return await build(o)
      } finally {
        running--
      }
    }
    const log: string[] = []
    const index = new SearchIndex(api.env.db, { maxStaleMs: 0, shards: 4, firstBuildThreads: 2, log: (l) => log.push(l) })
    await index.ready(counting)
    expect(most).toBe(2)
    expect(parts.sort()).toEqual([0, 1, 2, 3])
    expect(log[0]).toMatch(/^搜索索引已就绪：\d+ 家机构，分 4 片，重建 4 片/)
    for (const q of [{ q: '舞蹈' }, { q: 'wudao' }, { district: 'siming', status: 'approved' }, { lat: 24.48, lng: 118.09, sort: 'distance' }]) {
      expect(await search(api.env.db, q, index)).toEqual(await search(api.env.db, q))
    }
    await index.stop()
  })

  it('when a rebuild knows how many rows it holds, then the worker’s heap is capped to them; when the cap is too small, then the build runs again without one', async () => {
    const whole = { index: 0, of: 1 }
    const capped = await buildInWorker(api.databaseUrl!)({ shard: whole, rows: 1000, stopped: () => false })
    expect(capped.detail).toMatch(/线程堆 \d+ MiB（上限 33 MiB）$/)
    expect(capped.index.size).toBeGreaterThan(800)
    const tooSmall = await buildInWorker(api.databaseUrl!, { heapBaseMb: 1 })({ shard: whole, rows: 1000, stopped: () => false })
    expect(tooSmall.detail).toMatch(/；堆上限 2 MiB 不够，已不设上限重建$/)
    expect(tooSmall.index.size).toBe(capped.index.size)
    // A first build (nothing serving yet: no count to size by) runs without a cap.
    const first = await buildInWorker(api.databaseUrl!)({ shard: whole, stopped: () => false })
    expect(first.detail).not.toContain('上限')
  })

  it('when the worker cannot reach the database, then ready fails with the reason and searches answer from SQL', async () => {
    const errors: unknown[] = []
    const spy = jest.spyOn(console, 'error').mockImplementation((...a) => void errors.push(a))
    try {
      const url = new URL(api.databaseUrl!)
      url.pathname = '/yg_no_such_database'
      const index = new SearchIndex(api.env.db, { maxStaleMs: 0 })
      await expect(index.ready(buildInWorker(url.toString()))).rejects.toThrow(/^搜索索引在工作线程中构建失败：.*yg_no_such_database/)
      expect(index.serving).toBe(false)
      expect(await index.current()).toBeUndefined()
      const q = { q: '钢琴', district: 'siming' }
      expect((await search(api.env.db, q, index)).items.length).toBeGreaterThan(0)
      expect(errors.length).toBeGreaterThan(0)
      await index.stop()
    } finally {
      spy.mockRestore()
    }
  })

  it('when the index is stopped while a worker builds, then the build ends within a few checks and no base is switched in', async () => {
    const index = new SearchIndex(api.env.db, { maxStaleMs: 0 })
    const building = index.ready(buildInWorker(api.databaseUrl!))
    const t = Date.now()
    await index.stop()
    await expect(building).rejects.toBeInstanceOf(BuildStopped)
    expect(Date.now() - t).toBeLessThan(1000)
    expect(index.serving).toBe(false)
  })
})
