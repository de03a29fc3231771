// A supervisor's field visit (巡查记录): the check-in position and its accuracy, the checklist answers, notes,
// photos and the representative's signature. Pure rules shared by the form (offline, before any server) and the
// supervision function: what a valid record is, how far the visit was from the registered site, when it is flagged.
import * as v from 'valibot'
import { CHECKLIST_ITEMS, CHECKLIST_LABEL, type ChecklistItem } from './checklist'
import { MAX_PHOTOS } from './media'
import { typeMessage } from './inputMessages'
import type { ComplaintStatus } from './complaints'

export const CHECK_RESULTS = ['pass', 'fail', 'na'] as const
export type CheckResult = (typeof CHECK_RESULTS)[number]
export const CHECK_RESULT_LABEL: Readonly<Record<CheckResult, string>> = { pass: '符合', fail: '不符合', na: '未检查' }

/** Defaults the server's configuration may change (SUPERVISION_MAX_ACCURACY_M, SUPERVISION_GEOFENCE_M). */
export const DEFAULT_MAX_ACCURACY_M = 100
export const DEFAULT_GEOFENCE_M = 300
/** A visit is recorded within a week; the device clock may run this far ahead of the server's. */
export const MAX_VISIT_AGE_DAYS = 7
export const CLOCK_SKEW_MS = 10 * 60_000

const EARTH_M = 6_371_000
/** Great-circle distance in metres. */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return Math.round(2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h))))
}

export type GeofenceVerdict =
  | { ok: false; field: 'location'; message: string }
  | { ok: true; distanceM: number; flagged: boolean }

/**
 * Whether a check-in may stand: a fix less accurate than `maxAccuracyM` is refused (retry outdoors or wait for GPS);
 * one farther than `geofenceM` from the nearest registered site is flagged, and then needs a written reason.
 */
export function checkIn(location: { lat: number; lng: number; accuracyM: number }, sites: { lat: number; lng: number }[], limits: { maxAccuracyM: number; geofenceM: number }): GeofenceVerdict {
  if (location.accuracyM > limits.maxAccuracyM) {
    return { ok: false, field: 'location', message: `定位精度约${Math.round(location.accuracyM)}米，超过${limits.maxAccuracyM}米，请到窗边或室外重新定位` }
  }
  const d = Math.min(...sites.map((s) => distanceM(location, s)))
  return { ok: true, distanceM: d, flagged: d > limits.geofenceM }
}

/** The problems of a checklist: at least one item answered, and a note for every failed item. Field → message. */
export function checklistProblems(checklist: Partial<Record<ChecklistItem, CheckResult>>, itemNotes: Partial<Record<ChecklistItem, string>> = {}): Record<string, string> {
  const problems: Record<string, string> = {}
  const answered = Object.entries(checklist).filter(([, r]) => r !== 'na')
  if (!answered.length) problems.checklist = '请至少检查一项'
  for (const item of CHECKLIST_ITEMS) {
    if (checklist[item] === 'fail' && !itemNotes[item]?.trim()) problems[`itemNotes.${item}`] = `“${CHECKLIST_LABEL[item]}”不符合，请写明发现的问题`
  }
  for (const item of Object.keys(itemNotes)) if (!(item in checklist)) problems[`itemNotes.${item}`] = '这一项没有检查结果'
  return problems
}

/** Whether a visit time may stand, against the server's clock: not in the future, not older than a week. */
export function visitTimeProblem(visitedAt: string, now: Date): string | undefined {
  const t = Date.parse(visitedAt)
  if (!Number.isFinite(t)) return '巡查时间格式不正确'
  if (t > now.getTime() + CLOCK_SKEW_MS) return '巡查时间不能晚于现在，请检查手机时间'
  if (t < now.getTime() - MAX_VISIT_AGE_DAYS * 86_400_000) return `只能补录${MAX_VISIT_AGE_DAYS}天内的巡查`
  return undefined
}

const checklistShape = Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, v.optional(v.picklist(CHECK_RESULTS, `“${CHECKLIST_LABEL[item]}”的结果应为符合、不符合或未检查`))])) as Record<
  ChecklistItem,
  v.OptionalSchema<v.PicklistSchema<typeof CHECK_RESULTS, string>, undefined>
>
const notesShape = Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, v.optional(v.pipe(v.string('说明应为文字'), v.trim(), v.maxLength(500, '每项说明不能超过500个字')))])) as Record<
  ChecklistItem,
  v.OptionalSchema<v.SchemaWithPipe<[v.StringSchema<string>, v.TrimAction, v.MaxLengthAction<string, 500, string>]>, undefined>
>

const fileId = v.pipe(v.string('文件编号应为文字'), v.maxLength(64, '文件编号过长'))

export const ObservationSubmitSchema = v.strictObject(
  {
    /** Made on the device once per record: a retry, or a delivery out of order, answers the same observation. */
    requestId: v.pipe(v.string(typeMessage('缺少记录编号', '记录编号应为文字')), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '记录编号格式不正确')),
    institutionId: v.pipe(v.string(typeMessage('请选择巡查的机构', '机构编号应为文字')), v.maxLength(64, '机构编号过长')),
    /** The device's time of the visit (ISO 8601); the server's time of receipt is kept beside it. */
    visitedAt: v.pipe(v.string(typeMessage('缺少巡查时间', '巡查时间应为文字')), v.isoTimestamp('巡查时间格式不正确')),
    location: v.strictObject(
      {
        lat: v.pipe(v.number('纬度应为数字'), v.finite('纬度应为数字'), v.minValue(-90, '纬度超出范围'), v.maxValue(90, '纬度超出范围')),
        lng: v.pipe(v.number('经度应为数字'), v.finite('经度应为数字'), v.minValue(-180, '经度超出范围'), v.maxValue(180, '经度超出范围')),
        accuracyM: v.pipe(v.number('定位精度应为数字'), v.finite('定位精度应为数字'), v.minValue(0, '定位精度不能为负'), v.maxValue(100_000, '定位精度超出范围')),
      },
      '定位信息不完整',
    ),
    checklist: v.strictObject(checklistShape, '检查项不在巡查清单上'),
    itemNotes: v.optional(v.strictObject(notesShape, '说明对应的检查项不在巡查清单上')),
    notes: v.optional(v.pipe(v.string('备注应为文字'), v.trim(), v.maxLength(2000, '备注不能超过2000个字'))),
    evidence: v.optional(v.pipe(v.array(fileId, '照片应为列表'), v.maxLength(MAX_PHOTOS, `照片最多${MAX_PHOTOS}张`))),
    signature: v.optional(
      v.variant(
        'refused',
        [v.strictObject({ refused: v.literal(false), fileId }, '签名信息不完整'), v.strictObject({ refused: v.literal(true) }, '拒签时不需要签名图片')],
        '签名应为签名图片或“拒绝签字”',
      ),
    ),
    /** Required when the check-in is flagged (farther than the geofence from every registered site). */
    reason: v.optional(v.pipe(v.string('说明应为文字'), v.trim(), v.maxLength(500, '说明不能超过500个字'))),
    campaignId: v.optional(v.pipe(v.string('专项行动编号应为文字'), v.regex(/^[0-9a-f-]{36}$/, '专项行动编号无效'))),
  },
  '不支持的巡查字段',
)
export type ObservationSubmitInput = v.InferOutput<typeof ObservationSubmitSchema>

/** A signature is a small PNG drawn on screen: refused above this size. */
export const MAX_SIGNATURE_BYTES = 300 * 1024

export const BindSchema = v.strictObject({ code: v.pipe(v.string(typeMessage('请输入邀请码', '邀请码应为文字')), v.trim(), v.toUpperCase(), v.regex(/^[A-Z0-9]{8}$/, '邀请码为8位字母或数字')) }, '不支持的参数')

export const MineObservationsSchema = v.strictObject({ cursor: v.optional(v.pipe(v.string('翻页标记应为文字'), v.maxLength(80, '翻页标记无效'))) }, '不支持的参数')

export const EscalateSchema = v.strictObject(
  {
    id: v.pipe(v.string(typeMessage('缺少巡查记录编号', '巡查记录编号应为文字')), v.regex(/^[0-9a-f-]{36}$/, '巡查记录编号无效')),
    requestId: v.pipe(v.string(typeMessage('缺少提交编号', '提交编号应为文字')), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '提交编号格式不正确')),
  },
  '不支持的参数',
)

export interface ObservationReceipt {
  id: string
  flagged: boolean
  distanceM: number
}

export interface ObservationListItem {
  id: string
  institution: { id: string; name: string }
  visitedAt: string
  receivedAt: string
  failed: ChecklistItem[]
  flagged: boolean
  distanceM: number
  /** The complaint it became, when escalated, and where that complaint stands now: what became of the visit. */
  ticketNo?: string
  ticketStatus?: ComplaintStatus
}


/**
 * The supervisor's round: the institutions of their district, nearest first (from where they stand) or longest
 * since anyone's last visit first (never visited at the top).
 */
export const ROUND_SORTS = ['distance', 'lastVisit'] as const
export type RoundSort = (typeof ROUND_SORTS)[number]
export const RoundSchema = v.strictObject(
  {
    sort: v.optional(v.picklist(ROUND_SORTS, '排序方式应为 distance 或 lastVisit'), 'lastVisit'),
    /** Where the supervisor stands, in GCJ-02 like the registered sites (a browser's WGS-84 is converted, src/utils/location.ts); required for sort=distance. */
    near: v.optional(
      v.strictObject(
        {
          lat: v.pipe(v.number('纬度应为数字'), v.finite('纬度应为数字'), v.minValue(-90, '纬度超出范围'), v.maxValue(90, '纬度超出范围')),
          lng: v.pipe(v.number('经度应为数字'), v.finite('经度应为数字'), v.minValue(-180, '经度超出范围'), v.maxValue(180, '经度超出范围')),
        },
        '位置信息不完整',
      ),
    ),
    q: v.optional(v.pipe(v.string('搜索词应为文字'), v.trim(), v.maxLength(40, '搜索词不能超过40个字'))),
    cursor: v.optional(v.pipe(v.string('翻页标记应为文字'), v.maxLength(80, '翻页标记无效'))),
  },
  '不支持的参数',
)
export type RoundInput = v.InferInput<typeof RoundSchema>

export interface RoundItem {
  id: string
  name: string
  address: string
  category: string
  /** The public status (white list, warning, …) as the verdict card uses it. */
  status: string
  lat: number
  lng: number
  /** From `near`, when given. */
  distanceM?: number
  /** The last visit by any supervisor, ISO 8601; absent when never visited. */
  lastVisitedAt?: string
}

// ---------------------------------------------------------------------------------------------
// The workbench's view (staff.observations): what a department sees of the visits in its scope.

export const StaffObservationsSchema = v.strictObject(
  {
    cursor: v.optional(v.pipe(v.string('翻页标记应为文字'), v.maxLength(80, '翻页标记无效'))),
    /** The desk's 巡查发现 list is the visits that found something; false lists every visit. */
    onlyFailed: v.optional(v.boolean('“只看不符合项”应为是或否'), true),
  },
  '不支持的参数',
)

/** A photo or the signature, with an expiring link for the people allowed to see the visit. */
export interface ObservationFile {
  fileId: string
  url: string
}

export interface StaffObservationItem {
  id: string
  institution: { id: string; name: string; address: string }
  district: string
  department: string
  supervisor: { name: string; kind?: string }
  visitedAt: string
  receivedAt: string
  /** Each failed checklist item with the supervisor's note on it. */
  failed: { item: ChecklistItem; note: string }[]
  /** Items checked and found in order, and not checked, for the whole picture. */
  passed: ChecklistItem[]
  notes?: string
  flagged: boolean
  distanceM: number
  /** The supervisor's reason for a check-in beyond the geofence. */
  reason?: string
  /** The complaint it became, when escalated. */
  ticketNo?: string
  photos: ObservationFile[]
  signature: { refused: true } | { refused: false; file: ObservationFile } | null
}
