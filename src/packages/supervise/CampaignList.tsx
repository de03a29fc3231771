import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ErrorState, Loading } from '@/components'
import { CHECKLIST_LABEL } from '@/domain/checklist'
import { SUPERVISE_ROUTES } from '@/utils/routes'
import type { CampaignsState } from './useCampaigns'

/** The campaigns running in the district now, each with the items to look at first. */
export default function CampaignList({ state, onRetry }: { state: CampaignsState; onRetry: () => void }) {
  return (
    <View className='yg-sup__block' ariaRole='region' ariaLabel='专项行动'>
      <Text className='yg-sup__heading'>专项行动</Text>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'error' && <ErrorState error={state.error} onRetry={onRetry} />}
      {state.kind === 'ready' && !state.items.length && <Text className='yg-sup__note'>辖区目前没有进行中的专项行动，按常规清单巡查即可。</Text>}
      {state.kind === 'ready' &&
        state.items.map((c) => (
          <View key={c.id} className='yg-sup__card'>
            <Text className='yg-sup__card-title'>{c.name}</Text>
            <Text className='yg-sup__card-meta'>
              {c.startsOn} 至 {c.endsOn}
              {state.cached ? '（离线，上次获取）' : ''}
            </Text>
            {c.focus.length > 0 && (
              <View className='yg-sup__focus'>
                <Text className='yg-sup__focus-label'>重点检查：</Text>
                {c.focus.map((f) => (
                  <Text key={f} className='yg-sup__focus-item'>
                    · {CHECKLIST_LABEL[f]}
                  </Text>
                ))}
              </View>
            )}
            <View className='yg-sup__link' ariaRole='button' ariaLabel={`按此专项巡查，${c.name}`} onClick={() => void Taro.navigateTo({ url: SUPERVISE_ROUTES.observe({ campaignId: c.id }) })}>
              <Text>按此专项巡查 ›</Text>
            </View>
          </View>
        ))}
    </View>
  )
}
