// A published notice (公告、决定、通报) that a status change, a white-list batch or a case rests on.
import * as v from 'valibot'

export interface Notice {
  id: string
  title: string
  /** The issuing authority; '' when an older record did not say. */
  issuer: string
  /** YYYY-MM-DD */
  date: string
  /** Document number (文号), when known. */
  docNo?: string
  /** The official page, when one exists (http or https only). */
  url?: string
}

export const NoticeIdSchema = v.strictObject(
  { id: v.pipe(v.string('公告编号应为文字'), v.minLength(1, '请提供公告编号'), v.maxLength(64, '公告编号过长')) },
  '不支持的参数',
)
