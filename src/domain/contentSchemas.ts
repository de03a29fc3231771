// Input schemas of the content function.
import * as v from 'valibot'
import { DISTRICTS } from './catalog'
import { ARTICLE_TOPICS, VIOLATION_TYPES } from './content'
import { typeMessage } from './inputMessages'

export const ArticlesQuerySchema = v.strictObject(
  {
    topic: v.optional(v.picklist(ARTICLE_TOPICS, '未知的文章主题')),
    q: v.optional(v.pipe(v.string('搜索词应为文字'), v.maxLength(50, '搜索词不能超过50个字'))),
  },
  '不支持的查询参数',
)

export const ArticleSlugSchema = v.strictObject(
  { slug: v.pipe(v.string(typeMessage('缺少文章标识', '文章标识应为文字')), v.minLength(1, '请提供文章标识'), v.maxLength(80, '文章标识过长')) },
  '不支持的参数',
)

export const CasesQuerySchema = v.strictObject(
  {
    district: v.optional(v.picklist(DISTRICTS, '未知的行政区')),
    type: v.optional(v.picklist(VIOLATION_TYPES, '未知的违规类型')),
    year: v.optional(v.pipe(v.number('年份应为数字'), v.integer('年份应为整数'), v.minValue(2000, '年份超出范围'), v.maxValue(2100, '年份超出范围'))),
    institutionId: v.optional(v.pipe(v.string('机构编号应为文字'), v.maxLength(64, '机构编号过长'))),
    cursor: v.optional(v.pipe(v.string('翻页标记应为文字'), v.maxLength(20, '翻页标记无效'))),
    limit: v.optional(v.pipe(v.number('每页条数应为数字'), v.integer('每页条数应为整数'), v.minValue(1, '每页至少1条'), v.maxValue(50, '每页最多50条'))),
  },
  '不支持的查询参数',
)

export const CaseIdSchema = v.strictObject(
  { id: v.pipe(v.string(typeMessage('缺少案例编号', '案例编号应为文字')), v.minLength(1, '请提供案例编号'), v.maxLength(64, '案例编号过长')) },
  '不支持的参数',
)
