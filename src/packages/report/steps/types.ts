import type { ReportFlowDraft } from '@/utils/reportDraft'
import type { FieldErrors } from '../validate'

export interface StepProps {
  draft: ReportFlowDraft
  /** A patch, or one made from the newest draft (for an answer that arrives after an await). */
  set: (patch: Partial<ReportFlowDraft> | ((d: ReportFlowDraft) => Partial<ReportFlowDraft>)) => void
  errors: FieldErrors
}
