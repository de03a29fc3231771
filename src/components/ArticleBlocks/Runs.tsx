import { Fragment } from 'react'
import { Text } from '@tarojs/components'
import type { InlineRun } from '@/domain/content'
import { resolveLink } from '@/utils/links'

/** Called with an in-app route (resolveLink accepts it); links it does not accept are shown as plain text. */
export type OnLink = (link: string) => void

export const plainText = (runs: InlineRun[]) => runs.map((r) => r.text).join('')

/** A paragraph's or a cell's inline runs: bold, italic, code and in-app links, as Texts. */
export default function Runs({ runs, onLink }: { runs: InlineRun[]; onLink: OnLink }) {
  return (
    <Text className='yg-article__text' userSelect>
      {runs.map((run, i) => {
        const marks = [run.strong && 'yg-run--strong', run.em && 'yg-run--em', run.code && 'yg-run--code'].filter(Boolean)
        const link = run.link && resolveLink(run.link) ? run.link : undefined
        if (link) {
          return (
            <Text key={i} className={['yg-run--link', ...marks].join(' ')} onClick={() => onLink(link)}>
              {run.text}
            </Text>
          )
        }
        if (marks.length === 0) return <Fragment key={i}>{run.text}</Fragment>
        return (
          <Text key={i} className={marks.join(' ')}>
            {run.text}
          </Text>
        )
      })}
    </Text>
  )
}
