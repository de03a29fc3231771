import { Text } from '@tarojs/components'
import { splitHighlight } from '@/utils/highlight'
import './index.scss'

/** The name with the server's matched ranges in bold primary colour (weight carries it, not colour alone). */
export default function Highlight({ text, ranges }: { text: string; ranges?: [number, number][] }) {
  return (
    <Text className='yg-highlight'>
      {splitHighlight(text, ranges).map((seg, i) =>
        seg.hit ? (
          <Text key={i} className='yg-highlight__hit'>
            {seg.text}
          </Text>
        ) : (
          seg.text
        ),
      )}
    </Text>
  )
}
