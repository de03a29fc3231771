import { View, Text } from '@tarojs/components'
import { aria } from '@/components/a11y'
import { useCareMode } from '@/hooks/useCareMode'
import { IS_WEAPP } from '@/utils/platform'

/** 关怀模式: a switch kept on this device; until it is used, the system's text size decides. */
export default function CareSwitch() {
  const care = useCareMode()
  const source = care.pref === 'system' ? `跟随${IS_WEAPP ? '微信' : '系统'}字体设置` : '已在本机设置'
  return (
    <View className='yg-mine__list yg-mine__care'>
      <View
        className='yg-mine__row yg-mine__care-row'
        ariaRole='switch'
        {...aria({ checked: care.on })}
        onClick={() => care.setPref(care.on ? 'off' : 'on')}
      >
        <View className='yg-mine__row-text'>
          <Text className='yg-mine__row-name'>关怀模式</Text>
          <Text className='yg-mine__row-role'>字更大、按钮更大、颜色更清楚</Text>
        </View>
        <View className={`yg-mine__toggle${care.on ? ' yg-mine__toggle--on' : ''}`}>
          <Text className='yg-mine__toggle-words'>{care.on ? '已开启' : '已关闭'}</Text>
          <View className='yg-mine__toggle-track'>
            <View className='yg-mine__toggle-knob' />
          </View>
        </View>
      </View>
      <View className='yg-mine__care-foot'>
        <Text className='yg-mine__care-source'>{source}</Text>
        {care.pref !== 'system' && (
          <View className='yg-mine__care-reset' ariaRole='button' onClick={() => care.setPref('system')}>
            <Text>改为跟随{IS_WEAPP ? '微信' : '系统'}</Text>
          </View>
        )}
      </View>
    </View>
  )
}
