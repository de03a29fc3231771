// Issue 12: a gateway listens at once and answers every function while its search index is still being built
// (~90 s at 1,000,000 institutions); searches meanwhile come from SQL, and from the index once it is ready.
//
// How the test knows which path answered, without looking inside: the index build starts by reading the change
// counter, so a lock held on `change_counters` keeps the index from being built at all (what answers then can only
// be SQL); once it is built, a lock held on `institutions` leaves SQL nothing to read (what answers then can only be
// the index).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { readConfig } from '../../cloud/config'
import { boot, type Running } from '../../cloud/gateway/boot'
import { ensureDemoAccounts } from '../../cloud/services/demoAccounts'
import { loadSample } from '../../cloud/services/sampleData'
import { generateSample } from '../../content/sample/generate'
import { openTestDatabase, type TestDatabase } from '../support/databases'
import { openDatabase } from '../../cloud/store/db'
import { SearchIndex } from '../../cloud/services/search/searchIndex'
import { search } from '../../cloud/services/institutions'
import { sql } from 'kysely'
import { TEST_CONTACT_KEY, TEST_SECRET } from '../support/harness'

jest.setTimeout(120_000)

describe('a gateway starting while its search index is built', () => {
  let database: TestDatabase
  let running: Running | undefined
  let holder: pg.Client
  const lines: string[] = []
  const web = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-web-'))
  // Where the gateways keep what they save (the index's shards among it): shared, as by restarts of one server.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-data-'))
  const configFor = (extra: Record<string, string> = {}) =>
    readConfig({ DATABASE_URL: database.url!, DEMO_DATABASE: 'true', AUTH_MODE: 'dev', SAMPLE_DATA: 'false', PORT: '0', WEB_ROOT: web, DATA_DIR: dataDir, SESSION_SECRET: TEST_SECRET, CONTACT_KEY: TEST_CONTACT_KEY, ...extra })

  beforeAll(async () => {
    fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>阳光校培</title>')
    database = await openTestDatabase('postgres')
    await ensureDemoAccounts(database.db)
    await loadSample(database.db, generateSample())
    holder = new pg.Client({ connectionString: database.url })
    await holder.connect()
  })
  afterAll(async () => {
    await holder?.query('ROLLBACK').catch(() => {})
    await holder?.end()
    await running?.stop()
    await database?.close()
    fs.rmSync(web, { recursive: true, force: true })
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const post = async (fn: string, event: unknown) => {
    const res = await fetch(`${running!.url}/api/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) })
    return { status: res.status, body: (await res.json()) as any }
  }
  const settled = <T>(p: Promise<T>) => Promise.race([p.then(() => 'settled'), new Promise((r) => setTimeout(() => r('pending'), 300))])

  it('when the index cannot be built yet, then /healthz, other functions and searches (from SQL) answer; once built, search answers from the index', async () => {
    await holder.query('BEGIN')
    await holder.query('LOCK TABLE change_counters IN ACCESS EXCLUSIVE MODE')
    // Long: after the build, a search must not need the database to see that nothing changed.
    running = await boot(configFor({ SEARCH_INDEX_MAX_STALE_MS: '600000' }), { log: (l) => lines.push(l) })
    // Listening, with the index not built (it waits for the lock).
    expect(await settled(running.searchReady)).toBe('pending')
    expect(running.env.search?.serving).toBe(false)
    expect(lines.join('\n')).toContain('正在构建搜索索引')

    expect((await fetch(`${running.url}/healthz`)).status).toBe(200)
    const login = await post('auth', { action: 'devLogin', account: 'citizen' })
    expect(login.body.ok).toBe(true)
    const districts = await post('content', { action: 'stats' })
    expect(districts.status).toBe(200)

    const event = { action: 'search', q: '舞蹈' }
    const fromSql = await post('institutions', event)
    expect(fromSql.body.ok).toBe(true)
    expect(fromSql.body.data.total).toBeGreaterThan(0)
    // Answered while the index still could not have been built.
    expect(await settled(running.searchReady)).toBe('pending')
    expect(running.env.search?.serving).toBe(false)

    await holder.query('ROLLBACK')
    expect(await running.searchReady).toBe(true)
    expect(running.env.search?.serving).toBe(true)

    // Now SQL cannot read institutions at all: the answer must come from memory, and be the same.
    await holder.query('BEGIN')
    await holder.query('LOCK TABLE institutions IN ACCESS EXCLUSIVE MODE')
    const fromIndex = await Promise.race([post('institutions', event), new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000))])
    expect(fromIndex).not.toBe('timeout')
    expect((fromIndex as { body: unknown }).body).toEqual(fromSql.body)
    await holder.query('ROLLBACK')
  })

  it('when the gateway stops while its index is still being built, then the build ends without an error and stop returns', async () => {
    const errors = jest.spyOn(console, 'error')
    await holder.query('BEGIN')
    await holder.query('LOCK TABLE change_counters IN ACCESS EXCLUSIVE MODE')
    const second = await boot(configFor())
    const stopping = second.stop()
    // The build is waiting for the counter; once it can read, it sees the stop before building anything.
    await new Promise((r) => setTimeout(r, 200))
    await holder.query('ROLLBACK')
    await stopping
    expect(await second.searchReady).toBe(false)
    expect(second.env.search?.serving).toBe(false)
    expect(errors.mock.calls.filter((c) => String(c[0]).includes('search index'))).toEqual([])
    errors.mockRestore()
  })

  it('when the index is stopped while a check for changes waits on the database, then stop waits for it, the pool closes under no read, and a later search starts none', async () => {
    const errors = jest.spyOn(console, 'error')
    // Its own pool, closed as the gateway closes its own after stop().
    const handle = await openDatabase({ databaseUrl: database.url!, dataDir: '', poolSize: 4 })
    // Checks for changes without waiting for them (stale by 1 ms at most), so a search can start one and go on.
    const index = new SearchIndex(handle.db, { maxStaleMs: 1, maxOverlay: 4 })
    await index.ready()
    // More changed rows than the overlay takes: the next check finds the index behind.
    await handle.db.updateTable('institutions').set({ address: sql`address || '（新址）'` }).where('district', '=', 'siming').execute()
    await holder.query('BEGIN')
    await holder.query('LOCK TABLE change_counters IN ACCESS EXCLUSIVE MODE')
    // A search starts the check, which waits for the counter; the search itself answers from the index.
    await new Promise((r) => setTimeout(r, 5))
    expect(await index.current()).toBeDefined()
    const closed = index.stop().then(() => handle.close())
    expect(await settled(closed)).toBe('pending')
    await new Promise((r) => setTimeout(r, 200))
    await holder.query('ROLLBACK')
    await closed
    // It went on after the lock (it found the index behind) and started no rebuild.
    expect(index.serving).toBe(false)
    // A request still in flight after stop() answers from SQL and starts no check on the closed pool.
    expect(await index.current()).toBeUndefined()
    await new Promise((r) => setTimeout(r, 50))
    expect(errors.mock.calls.filter((c) => String(c[0]).includes('search index'))).toEqual([])
    errors.mockRestore()
  })

  it('when a gateway starts again with the same DATA_DIR, then it loads the index the first start saved there and answers as SQL; with SEARCH_INDEX_SAVE=false it builds and saves nothing', async () => {
    expect(fs.readdirSync(path.join(dataDir, 'search-index'))).toEqual(['shard-1-of-1.bin'])
    // The index's own lines go to stderr, "[search index] …" (environment.ts).
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => {})
    const indexLines = () => stderr.mock.calls.map((c) => String(c[0])).join('\n')
    const again = await boot(configFor())
    try {
      expect(await again.searchReady).toBe(true)
      expect(indexLines()).toMatch(/搜索索引已就绪：\d+ 家机构，分 1 片，载入 1 片，用时 \d+ ms（从保存的索引载入/)
      // The addresses changed since the save (the test above) are laid over what was loaded.
      const q = { q: 'wudao', district: 'siming' }
      const res = await fetch(`${again.url}/api/institutions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'search', ...q }) })
      const body = (await res.json()) as { data: { items: { address: string }[] } }
      expect(body.data).toEqual(await search(database.db, q))
      expect(body.data.items.some((i) => i.address.endsWith('（新址）'))).toBe(true)
    } finally {
      await again.stop()
    }
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-data-'))
    stderr.mockClear()
    const unsaved = await boot(configFor({ DATA_DIR: otherDir, SEARCH_INDEX_SAVE: 'false' }))
    try {
      expect(await unsaved.searchReady).toBe(true)
      expect(indexLines()).toMatch(/重建 1 片，用时 \d+ ms（在工作线程中构建：读取 \d+ ms，构建 \d+ ms，接收 [\d.]+ ms（文本 \d+ 段，逐段解码），线程堆 \d+ MiB），列表/)
      expect(fs.existsSync(path.join(otherDir, 'search-index'))).toBe(false)
    } finally {
      await unsaved.stop()
      stderr.mockRestore()
      fs.rmSync(otherDir, { recursive: true, force: true })
    }
  })
})
