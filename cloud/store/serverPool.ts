// A pool of connections to a PostgreSQL server, as both of a process's pools open it (db.ts, preparedStatements.ts).
import pg from 'pg'

/** How long an idle connection is kept. */
const IDLE_MS = 5 * 60_000

/** work_mem for both pools' connections: a bitmap of a text index's candidates stays exact up to a whole million
 *  institutions' pages (~100,000 pages, a few MiB). At the default 4 MiB a common pinyin slice's bitmap (keji:
 *  107,855 rows) went lossy, and every row of a lossy page was tested again by computing its slices (letter_quads):
 *  ~30,000 calls, 1 s for one search (ANALYSIS §19). Also the memory a sort or hash may take before spilling: each
 *  statement here reads a page or a capped count, so few use it. */
const EXACT_BITMAPS = '-c work_mem=16MB'

/** `what` names the pool's connections in the log; `options`: server settings for its connections only. */
export function serverPool(connectionString: string, max: number, what: string, options?: string): pg.Pool {
  // Idle connections are kept 5 minutes, not pg's 10 s: a server process (a backend) that is new pays for its first
  // touch of every shared page it reads and for its catalog caches and plans, ~5× a warm one's time for the same
  // search (76 ms against 12 for one count, ANALYSIS §14), so after every pause of 10 s a quiet hour's searches paid it
  // again. keepAlive: an idle one that a firewall between would drop is noticed (the pool's error handler below).
  // allowExitOnIdle: idle connections no longer hold a process open (a script that never ends its pool waited out the
  // 10 s; it would wait 5 minutes); a checked-out one still does.
  const settings = [EXACT_BITMAPS, options].filter(Boolean).join(' ')
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: IDLE_MS, keepAlive: true, allowExitOnIdle: true, options: settings })
  // An idle connection the server drops (restart, failover, admin) must not take the process down: the pool
  // replaces it on the next checkout.
  pool.on('error', (e) => console.error(`[db] idle ${what} lost:`, e.message))
  return pool
}
