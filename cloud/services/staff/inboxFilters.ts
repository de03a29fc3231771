// The inbox's filters as SQL: the account's scope, then category, district, overdue and a search by ticket number
// or by name (a listed institution, or a place not on the list by the name on its sign). Shared by the list and
// its counts.
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely'
import type { InboxInput } from '../../../src/domain/staff'
import { escapeLike } from '../../store/institutionRepo'
import { termGrams } from '../../store/searchText'
import type { Database } from '../../store/schema'

const TICKET_LIKE = /^xm[\d-]*$/i

/**
 * The open tickets, written into the statement rather than sent as a parameter: the open-ticket indexes are partial
 * (WHERE is_open), and a plan made before the values are known (a prepared statement's generic plan) can use them
 * only if it sees the condition.
 */
export const openTicket = sql<boolean>`complaints.is_open`

/** What the search box holds: nothing, a ticket number (or its prefix), or a name. */
export function searchKind(i: InboxInput): 'none' | 'ticket' | 'name' {
  const term = i.q?.trim()
  return !term ? 'none' : TICKET_LIKE.test(term) ? 'ticket' : 'name'
}

export type Q = SelectQueryBuilder<Database, 'complaints', object>

/**
 * Which half of a search by name: tickets about listed institutions, about places not on the list, or both. The
 * counts take the halves apart, so each is read from its own index instead of testing every open ticket.
 */
export type SearchHalf = 'both' | 'listed' | 'unlisted'

/** Scope and filters, except the status (the tabs count across statuses) and the cursor. */
export function filtered(db: Kysely<Database>, scope: { department?: string; district?: string | null }, i: InboxInput, today: string, half: SearchHalf = 'both'): Q {
  let q: Q = db.selectFrom('complaints')
  if (scope.department) q = q.where('complaints.department', '=', scope.department as never)
  if (scope.district) q = q.where('complaints.district', '=', scope.district as never)
  if (i.category) q = q.where('complaints.category', '=', i.category)
  if (i.district) q = q.where('complaints.district', '=', i.district)
  if (i.overdue) q = q.where(openTicket).where('complaints.due_on', '<', today)
  const kind = searchKind(i)
  if (kind !== 'none') {
    const term = (i.q ?? '').trim()
    if (kind === 'ticket') q = q.where('complaints.ticket_no', 'like', `${escapeLike(term.toUpperCase())}%`)
    else {
      // Institutions by name as search finds them (2-character slices from the GIN index, then a real substring
      // test), or a place not on the list by the name on its sign.
      const like = `%${escapeLike(term.toLowerCase())}%`
      const grams = termGrams(term)
      q = q.where((eb: ExpressionBuilder<Database, 'complaints'>) => {
        const listed = eb(
          'complaints.institution_id',
          'in',
          eb
            .selectFrom('institutions')
            .select('id')
            .where(sql<boolean>`name_grams @> ${sql.val(grams)}::text[]`)
            .where(sql<string>`lower(name)`, 'like', like),
        )
        const unlisted = eb.and([eb('complaints.institution_id', 'is', null), eb(sql<string>`lower(complaints.place->>'name')`, 'like', like)])
        return half === 'listed' ? listed : half === 'unlisted' ? unlisted : eb.or([listed, unlisted])
      })
    }
  }
  return q
}
