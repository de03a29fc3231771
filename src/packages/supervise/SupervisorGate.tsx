import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@/components'
import type { Account } from '@/domain/api'
import { ROUTES } from '@/utils/routes'

/** These pages are for supervisors: say why this account cannot use them, and where to become one. */
export default function SupervisorGate({ account }: { account: Account | null }) {
  return (
    <View className='yg-sup__gate' ariaRole='region' ariaLabel='巡查工作台需要监督员账号'>
      <Text className='yg-sup__gate-title'>巡查工作台仅供监督员使用</Text>
      <Text className='yg-sup__gate-text'>
        {account ? `当前账号“${account.name}”还不是监督员。` : '您还没有登录。'}请在“我的”页登录，并输入辖区工作人员给您的邀请码。
      </Text>
      <View className='yg-sup__gate-action'>
        <Button onClick={() => void Taro.switchTab({ url: ROUTES.mine })}>前往“我的”</Button>
      </View>
    </View>
  )
}
