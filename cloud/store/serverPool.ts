// A pool of connections to a PostgreSQL server, as both of a process's pools open it (db.ts, preparedStatements.ts).
import pg from 'pg'

/** `what` names the pool's connections in the log; `options`: server settings for its connections only. */
export function serverPool(connectionString: string, max: number, what: string, options?: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, ...(options ? { options } : {}) })
  // An idle connection the server drops (restart, failover, admin) must not take the process down: the pool
  // replaces it on the next checkout.
  pool.on('error', (e) => console.error(`[db] idle ${what} lost:`, e.message))
  return pool
}
