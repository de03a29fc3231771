import { View, Text } from '@tarojs/components'
import { ROLE_LABEL } from '@/domain/catalog'
import type { Account, DemoInfo } from '@/domain/api'

interface Props {
  accounts: DemoInfo['accounts']
  current: Account | null
  busy: string
  onPick: (account: string) => void
}

/** Demo mode only: try every role with one tap. */
export default function DemoAccounts({ accounts, current, busy, onPick }: Props) {
  return (
    <View className='yg-mine__block'>
      <Text className='yg-mine__heading'>切换示例账号</Text>
      <Text className='yg-mine__note'>示例环境中可以一键切换身份，体验市民、监督员和部门工作人员看到的页面。</Text>
      <View className='yg-mine__list'>
        {accounts.map((a) => {
          const active = current?.name === a.name && current?.role === a.role
          return (
            <View
              key={a.account}
              className={`yg-mine__row${active ? ' yg-mine__row--active' : ''}`}
              hoverClass='yg-mine__row--pressed'
              ariaRole='button'
              onClick={() => !active && onPick(a.account)}
            >
              <View className='yg-mine__row-text'>
                <Text className='yg-mine__row-name'>{a.name}</Text>
                <Text className='yg-mine__row-role'>{ROLE_LABEL[a.role]}</Text>
              </View>
              <Text className='yg-mine__row-state'>{busy === a.account ? '切换中…' : active ? '当前账号' : '切换'}</Text>
            </View>
          )
        })}
      </View>
    </View>
  )
}
