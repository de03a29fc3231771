import type { VerdictKind } from '@/domain/verdict'

/** What a look-up can conclude: one of the statuses, or that no such institution is on record. */
export type Verdict = VerdictKind
