import { View, Text } from '@tarojs/components'
import { REPORT_STEPS } from '@/utils/reportDraft'

/** Where the person is: numbered steps with names, done ones ticked (and tappable to go back), and the step in words. */
export default function Progress({ step, onGo }: { step: number; onGo: (step: number) => void }) {
  return (
    <View className='yg-steps' ariaRole='group' ariaLabel={`第 ${step + 1} 步，共 ${REPORT_STEPS.length} 步：${REPORT_STEPS[step]}`}>
      <View className='yg-steps__row'>
        {REPORT_STEPS.map((name, i) => {
          const kind = i < step ? 'done' : i === step ? 'on' : 'todo'
          return (
            <View
              key={name}
              className={`yg-steps__item yg-steps__item--${kind}`}
              ariaRole={kind === 'done' ? 'button' : undefined}
              ariaLabel={kind === 'done' ? `回到第 ${i + 1} 步：${name}` : undefined}
              onClick={() => kind === 'done' && onGo(i)}
            >
              <View className='yg-steps__dot'>
                <Text>{kind === 'done' ? '✓' : i + 1}</Text>
              </View>
              <Text className='yg-steps__name'>{name}</Text>
            </View>
          )
        })}
      </View>
      <Text className='yg-steps__text'>
        第 {step + 1} 步，共 {REPORT_STEPS.length} 步 · 已自动保存草稿
      </Text>
    </View>
  )
}
