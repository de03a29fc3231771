// What the workbench publishes (a case), changes (an institution's status) and uploads (a published list): the
// inputs of staff.publishCase, staff.setInstitutionStatus and staff.importInstitutions and what they answer. Shared
// by the server and the workbench forms; the permissions are in ./staff (STAFF_ACTION_ACCESS).
import * as v from 'valibot'
import { CATEGORIES, DEPARTMENTS, DISTRICTS, INSTITUTION_STATUSES, type InstitutionStatus } from './catalog'
import { calendarDate } from './calendarDate'
import { TicketSchema } from './complaintSchemas'
import { VIOLATION_TYPES, type CaseDetail } from './content'
import type { Institution } from './api'
import { typeMessage } from './inputMessages'

const text = (field: string, min: number, max: number) =>
  v.pipe(
    v.string(typeMessage(`请填写${field}`, `${field}应为文字`)),
    v.trim(),
    v.minLength(min, min <= 1 ? `请填写${field}` : `${field}至少${min}个字`),
    v.maxLength(max, `${field}不能超过${max}个字`),
  )
const optionalText = (field: string, max: number) => v.optional(v.pipe(v.string(`${field}应为文字`), v.trim(), v.maxLength(max, `${field}不能超过${max}个字`)))

/** The published notice (公告、决定、通报) a case, a status change or a list rests on; its own page shows it. */
export const NoticeSchema = v.strictObject(
  {
    title: text('公告标题', 4, 300),
    issuer: optionalText('发布机关', 200),
    date: calendarDate('公告日期'),
    docNo: optionalText('文号', 100),
    url: v.optional(v.pipe(v.string('公告链接应为文字'), v.trim(), v.maxLength(500, '公告链接不能超过500个字符'), v.regex(/^https?:\/\/\S+$/, '公告链接应以 http:// 或 https:// 开头'))),
  },
  typeMessage('请填写所依据的公告', '不支持的公告信息'),
)
export type NoticeFields = v.InferOutput<typeof NoticeSchema>

// ---------------------------------------------------------------------------------------------
// staff.publishCase

/** The Chinese names of the case fields the personal-data check reads (src/domain/personalData.ts). */
export const CASE_TEXT_LABEL = { entityName: '当事人名称', facts: '违规事实', outcome: '处理结果' } as const

export const PublishCaseSchema = v.strictObject(
  {
    ticketNo: v.optional(TicketSchema.entries.ticketNo),
    date: calendarDate('处理决定日期'),
    entityName: text(CASE_TEXT_LABEL.entityName, 2, 100),
    institutionId: v.optional(v.pipe(v.string('机构编号应为文字'), v.minLength(1, '请选择机构'), v.maxLength(64, '机构编号过长'))),
    district: v.picklist(DISTRICTS, typeMessage('请选择行政区', '未知的行政区')),
    category: v.optional(v.picklist(CATEGORIES, '未知的培训类别')),
    type: v.picklist(VIOLATION_TYPES, typeMessage('请选择违规类型', '未知的违规类型')),
    facts: text(CASE_TEXT_LABEL.facts, 10, 2000),
    outcome: text(CASE_TEXT_LABEL.outcome, 4, 1000),
    notice: NoticeSchema,
    department: v.optional(v.picklist(DEPARTMENTS, '未知的部门')),
    preview: v.optional(v.boolean('“预览”应为是或否')),
  },
  '不支持的参数',
)
export type PublishCaseInput = v.InferOutput<typeof PublishCaseSchema>

/** `case` is exactly what content.case answers (for a preview: would answer, without an id of its own yet). */
export type PublishCaseAnswer = { preview: true; case: CaseDetail } | { id: string; case: CaseDetail }

// ---------------------------------------------------------------------------------------------
// staff.setInstitutionStatus

export const SetInstitutionStatusSchema = v.strictObject(
  {
    institutionId: v.pipe(v.string(typeMessage('缺少机构编号', '机构编号应为文字')), v.minLength(1, '请提供机构编号'), v.maxLength(64, '机构编号过长')),
    status: v.picklist(INSTITUTION_STATUSES, typeMessage('请选择新的状态', '未知的机构状态')),
    reason: text('变更理由', 4, 500),
    notice: NoticeSchema,
  },
  '不支持的参数',
)
export type SetInstitutionStatusInput = v.InferOutput<typeof SetInstitutionStatusSchema>
export interface SetInstitutionStatusAnswer {
  institution: Institution
}

// ---------------------------------------------------------------------------------------------
// staff.importInstitutions

/** Largest list accepted through the workbench (decoded); the gateway takes events of 256 KB, base64 adds a third. */
export const IMPORT_MAX_BYTES = 180 * 1024
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

export const ImportInstitutionsSchema = v.strictObject(
  {
    fileName: v.pipe(
      v.string(typeMessage('缺少文件名', '文件名应为文字')),
      v.trim(),
      v.maxLength(200, '文件名过长'),
      v.regex(/\.(csv|xlsx)$/i, '请上传 .csv 或 .xlsx 文件'),
    ),
    content: v.pipe(
      v.string(typeMessage('请选择要上传的名单文件', '文件内容应为 base64 文字')),
      v.minLength(1, '文件是空的'),
      v.maxLength(Math.ceil(IMPORT_MAX_BYTES / 3) * 4, `文件不能超过${IMPORT_MAX_BYTES / 1024} KB`),
      v.regex(BASE64, '文件内容应为 base64 编码'),
    ),
    batch: v.optional(v.pipe(v.number('批次应为数字'), v.integer('批次应为整数'), v.minValue(1, '批次应为 1 到 999 的整数'), v.maxValue(999, '批次应为 1 到 999 的整数'))),
    notice: NoticeSchema,
    confirm: v.optional(v.boolean('“确认导入”应为是或否')),
  },
  '不支持的参数',
)
export type ImportInstitutionsInput = v.InferOutput<typeof ImportInstitutionsSchema>

/** How one row of a list would change the register. */
export type ImportChange = 'new' | 'update' | 'status' | 'same'

export interface ImportSummary {
  created: number
  updated: number
  statusChanged: number
  unchanged: number
}

export interface ImportPreviewRow {
  row: number
  name: string
  uscc: string
  change: ImportChange
  from?: InstitutionStatus
  to: InstitutionStatus
}

export type ImportInstitutionsAnswer = { confirmed: false; rows: ImportPreviewRow[]; summary: ImportSummary } | { confirmed: true; summary: ImportSummary }

/** A refusal lists at most this many problems (the rest are counted in the message). */
export const IMPORT_PROBLEMS_LISTED = 50
