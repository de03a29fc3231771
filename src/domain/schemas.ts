// Input schemas shared by the mini-program (form checks) and the functions (the authority).
// valibot: no code generation, so it runs where WeChat forbids eval, and it tree-shakes small.
import * as v from 'valibot'
import { CATEGORIES, DISTRICTS, INSTITUTION_STATUSES } from './catalog'
import { MAX_QUERY_LENGTH } from './query'
import { typeMessage } from './inputMessages'

const optionalString = (field: string, max: number) =>
  v.optional(v.pipe(v.string(`${field}应为文字`), v.maxLength(max, `${field}不能超过${max}个字`)))

const coordinate = (field: string, min: number, max: number) =>
  v.optional(v.pipe(v.number(`${field}应为数字`), v.finite(`${field}应为数字`), v.minValue(min, `${field}超出范围`), v.maxValue(max, `${field}超出范围`)))

export const InstitutionSearchSchema = v.pipe(
  v.strictObject(
    {
      q: optionalString('搜索词', MAX_QUERY_LENGTH),
      district: v.optional(v.picklist(DISTRICTS, '未知的行政区')),
      category: v.optional(v.picklist(CATEGORIES, '未知的培训类别')),
      status: v.optional(v.picklist(INSTITUTION_STATUSES, '未知的机构状态')),
      lat: coordinate('纬度', -90, 90),
      lng: coordinate('经度', -180, 180),
      sort: v.optional(v.picklist(['relevance', 'distance'], '排序方式只能是相关度或距离')),
      cursor: optionalString('翻页标记', 200),
      limit: v.optional(v.pipe(v.number('每页条数应为数字'), v.integer('每页条数应为整数'), v.minValue(1, '每页至少1条'), v.maxValue(50, '每页最多50条'))),
    },
    '不支持的查询参数',
  ),
  v.check((i) => (i.lat === undefined) === (i.lng === undefined), '经纬度需同时提供'),
  v.check((i) => i.sort !== 'distance' || i.lat !== undefined, '按距离排序需要先授权位置'),
)

export const InstitutionIdSchema = v.strictObject(
  { id: v.pipe(v.string(typeMessage('缺少机构编号', '机构编号应为文字')), v.minLength(1, '请提供机构编号'), v.maxLength(64, '机构编号过长')) },
  '不支持的参数',
)

export const VerifyCodeSchema = v.strictObject(
  { code: v.pipe(v.string('请输入统一社会信用代码或办学许可证号'), v.maxLength(500, '代码过长')) },
  '不支持的参数',
)

export const DevLoginSchema = v.strictObject(
  { account: v.pipe(v.string('请选择示例账号'), v.minLength(1, '请选择示例账号'), v.maxLength(40, '账号过长')) },
  '不支持的参数',
)

export const LoginSchema = v.strictObject(
  { code: v.pipe(v.string('缺少微信登录凭证'), v.minLength(1, '缺少微信登录凭证'), v.maxLength(200, '登录凭证过长')) },
  '不支持的参数',
)

export const EmptySchema = v.strictObject({}, '该操作不需要参数')
