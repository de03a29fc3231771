// Function entries own the transaction (DESIGN.md): a service given a transaction works inside it, so an entry can
// join several steps ("transition + publish a case") into one; given the plain database, it opens its own.
import type { Kysely } from 'kysely'
import type { Database } from './schema'

export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn)
}
