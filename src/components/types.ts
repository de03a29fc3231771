import type { InstitutionStatus } from '@/domain/catalog'

/** What a look-up can conclude: one of the statuses, or that no such institution is on record. */
export type Verdict = InstitutionStatus | 'not_found'
