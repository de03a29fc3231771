// The audit log's records in words for people: the action and its target in Chinese, the detail's values in short.
import { DEPARTMENT_LABEL, DISTRICT_LABEL, ROLE_LABEL, STATUS_LABEL } from '../../domain/catalog'
import { CHECKLIST_LABEL, SUPERVISOR_KIND_LABEL } from '../../domain/checklist'
import { formatChinaDateTime } from '../../domain/chinaDate'
import { VIOLATION_LABEL } from '../../domain/content'
import { STAFF_STEP_LABEL, type StaffAction, type StaffStep } from '../../domain/staff'

/** Codes a detail may hold (a district, a kind, a status, a department, a step), said in Chinese. */
const VALUE_WORDS: Readonly<Record<string, string>> = { ...DISTRICT_LABEL, ...SUPERVISOR_KIND_LABEL, ...STATUS_LABEL, ...DEPARTMENT_LABEL, ...STAFF_STEP_LABEL, ...CHECKLIST_LABEL, ...VIOLATION_LABEL }
const INSTANT = /^\d{4}-\d{2}-\d{2}T/

const ACTION_WORDS: Readonly<Partial<Record<StaffAction, string>>> = {
  transition: '办理举报',
  revealContact: '查看举报人联系方式',
  publishCase: '发布典型案例',
  setInstitutionStatus: '变更机构状态',
  importInstitutions: '导入白名单',
  invite: '生成监督员邀请码',
  saveCampaign: '保存专项行动',
}

const TARGET_WORDS: Readonly<Record<string, string>> = {
  complaint: '举报',
  institution: '机构',
  case: '案例',
  campaign: '专项行动',
  invitation: '邀请码',
  supervisor: '监督员',
  import: '导入批次',
  institutionList: '名单',
}

/** 'staff.transition' with step 'reply' → 办理举报（答复）. */
export function actionWords(action: string, detail?: unknown): string {
  const name = action.replace(/^staff\./, '') as StaffAction
  const words = ACTION_WORDS[name] ?? action
  const step = detail && typeof detail === 'object' ? (detail as { step?: unknown }).step : undefined
  return typeof step === 'string' && step in STAFF_STEP_LABEL ? `${words}（${STAFF_STEP_LABEL[step as StaffStep]}）` : words
}

export function targetWords(type: string, id?: string): string {
  const words = TARGET_WORDS[type] ?? type
  return id ? `${words} ${id}` : words
}

export function roleWords(name: string, role: string): string {
  const words = (ROLE_LABEL as Record<string, string>)[role]
  return words ? `${name}（${words}）` : name
}

function valueWords(value: string | number): string {
  if (typeof value === 'number') return String(value)
  if (INSTANT.test(value)) return formatChinaDateTime(value)
  return VALUE_WORDS[value] ?? value
}

/** The detail's plain values, at most 60 characters: enough to tell records apart, never a dump. */
export function detailWords(detail: unknown): string {
  if (detail === null || detail === undefined) return ''
  const values = typeof detail === 'object' ? Object.values(detail as Record<string, unknown>) : [detail]
  const text = values
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
    .map(valueWords)
    .join(' · ')
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}
