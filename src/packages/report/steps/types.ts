import type { ReportFlowDraft } from '@/utils/reportDraft'
import type { FieldErrors } from '../validate'

export interface StepProps {
  draft: ReportFlowDraft
  set: (patch: Partial<ReportFlowDraft>) => void
  errors: FieldErrors
}
