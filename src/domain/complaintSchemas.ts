// Input schemas of the complaints function; the mini-program uses the same ones for its form checks.
import * as v from 'valibot'
import { DISTRICTS } from './catalog'
import { COMPLAINT_CATEGORIES } from './complaints'
import { MAX_PHOTOS, MAX_VIDEOS } from './media'
import { typeMessage } from './inputMessages'
import { calendarDate } from './calendarDate'

const text = (field: string, min: number, max: number) =>
  v.pipe(v.string(typeMessage(`请填写${field}`, `${field}应为文字`)), v.trim(), v.minLength(min, min <= 1 ? `请填写${field}` : `${field}至少${min}个字`), v.maxLength(max, `${field}不能超过${max}个字`))

const num = (field: string, min: number, max: number) =>
  v.optional(v.pipe(v.number(`${field}应为数字`), v.finite(`${field}应为数字`), v.minValue(min, `${field}不能小于${min}`), v.maxValue(max, `${field}超出合理范围`)))

export const PHONE_PATTERN = /^1[3-9]\d{9}$/

export const ComplaintSubmitSchema = v.pipe(
  v.strictObject(
    {
      requestId: v.pipe(v.string('缺少提交编号'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '提交编号格式不正确')),
      category: v.picklist(COMPLAINT_CATEGORIES, '请选择举报类别'),
      institutionId: v.optional(v.pipe(v.string('机构编号应为文字'), v.maxLength(64, '机构编号过长'))),
      place: v.optional(
        v.strictObject(
          {
            name: text('机构招牌名称', 2, 100),
            address: text('地址', 5, 200),
            lat: num('纬度', -90, 90),
            lng: num('经度', -180, 180),
            district: v.optional(v.picklist(DISTRICTS, '未知的行政区')),
          },
          '不支持的场所信息',
        ),
      ),
      description: text('问题描述', 10, 2000),
      happenedOn: calendarDate('发生日期'),
      details: v.optional(
        v.strictObject(
          {
            amountYuan: num('金额', 0, 10_000_000),
            hours: num('课时数', 0, 10_000),
            months: num('月数', 0, 240),
            intoEscrow: v.optional(v.boolean('请说明是否交入监管账户')),
            viaLoan: v.optional(v.boolean('请说明是否办理了贷款')),
          },
          '不支持的收费信息',
        ),
      ),
      evidence: v.optional(v.pipe(v.array(v.pipe(v.string('证据编号应为文字'), v.maxLength(64, '证据编号过长')), '证据应为列表'), v.maxLength(MAX_PHOTOS + MAX_VIDEOS, `证据最多${MAX_PHOTOS + MAX_VIDEOS}个`))),
      contact: v.variant(
        'anonymous',
        [
          v.strictObject({ anonymous: v.literal(true) }, '匿名举报不需要联系方式'),
          v.strictObject(
            {
              anonymous: v.literal(false),
              name: text('联系人姓名', 1, 30),
              phone: v.pipe(v.string('请填写手机号'), v.trim(), v.regex(PHONE_PATTERN, '请填写11位手机号码')),
            },
            '不支持的联系方式',
          ),
        ],
        '请选择实名或匿名',
      ),
      subscribe: v.optional(v.boolean('订阅选项应为是或否')),
    },
    '不支持的举报字段',
  ),
  v.forward(
    v.check((i) => !!i.institutionId !== !!i.place, '请选择被举报的机构，或填写不在名单上的机构名称和地址'),
    ['institutionId'],
  ),
)

export const TicketSchema = v.strictObject({ ticketNo: v.pipe(v.string('缺少举报编号'), v.regex(/^XM\d{8}-\d{4,12}$/, '举报编号格式不正确')) }, '不支持的参数')

/** A reason for 撤回 or 申请复核: a few words at least, so the department knows why. */
export const TICKET_REASON_MIN = 2
export const TICKET_REASON_MAX = 500

export const TicketReasonSchema = v.strictObject(
  { ticketNo: v.pipe(v.string('缺少举报编号'), v.regex(/^XM\d{8}-\d{4,12}$/, '举报编号格式不正确')), reason: text('理由', TICKET_REASON_MIN, TICKET_REASON_MAX) },
  '不支持的参数',
)

export const MineSchema = v.strictObject({ cursor: v.optional(v.pipe(v.string('翻页标记应为文字'), v.maxLength(20, '翻页标记无效'))) }, '不支持的参数')

/** 补充材料: a note, evidence, or both, while the ticket is open. */
export const AddInfoSchema = v.pipe(
  v.strictObject(
    {
      ticketNo: TicketSchema.entries.ticketNo,
      note: v.optional(v.pipe(v.string('补充说明应为文字'), v.trim(), v.maxLength(2000, '补充说明不能超过2000个字'))),
      evidence: v.optional(
        v.pipe(v.array(v.pipe(v.string('证据编号应为文字'), v.maxLength(64, '证据编号过长')), '证据应为列表'), v.maxLength(MAX_PHOTOS + MAX_VIDEOS, `证据最多${MAX_PHOTOS + MAX_VIDEOS}个`)),
      ),
    },
    '不支持的参数',
  ),
  v.forward(v.check((i) => !!i.note || !!i.evidence?.length, '请填写补充说明或上传证据'), ['note']),
)

/** 评价: one to five stars and an optional comment, once, after the department answered. */
export const RateSchema = v.strictObject(
  {
    ticketNo: TicketSchema.entries.ticketNo,
    rating: v.pipe(v.number('请选择评分'), v.integer('评分应为1到5的整数'), v.minValue(1, '评分应为1到5'), v.maxValue(5, '评分应为1到5')),
    comment: v.optional(v.pipe(v.string('评价应为文字'), v.trim(), v.maxLength(500, '评价不能超过500个字'))),
  },
  '不支持的参数',
)
