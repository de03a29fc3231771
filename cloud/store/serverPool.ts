// A pool of connections to a PostgreSQL server, as both of a process's pools open it (db.ts, preparedStatements.ts).
import pg from 'pg'

/** How long an idle connection is kept. */
const IDLE_MS = 5 * 60_000

/** `what` names the pool's connections in the log; `options`: server settings for its connections only. */
export function serverPool(connectionString: string, max: number, what: string, options?: string): pg.Pool {
  // Idle connections are kept 5 minutes, not pg's 10 s: a server process (a backend) that is new pays for its first
  // touch of every shared page it reads and for its catalog caches and plans, ~5× a warm one's time for the same
  // search (76 ms against 12 for one count, ANALYSIS §14), so after every pause of 10 s a quiet hour's searches paid it
  // again. keepAlive: an idle one that a firewall between would drop is noticed (the pool's error handler below).
  // allowExitOnIdle: idle connections no longer hold a process open (a script that never ends its pool waited out the
  // 10 s; it would wait 5 minutes); a checked-out one still does.
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: IDLE_MS, keepAlive: true, allowExitOnIdle: true, ...(options ? { options } : {}) })
  // An idle connection the server drops (restart, failover, admin) must not take the process down: the pool
  // replaces it on the next checkout.
  pool.on('error', (e) => console.error(`[db] idle ${what} lost:`, e.message))
  return pool
}
