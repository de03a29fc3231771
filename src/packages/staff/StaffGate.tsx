import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@/components'
import type { Account } from '@/domain/api'
import { ROUTES } from '@/utils/routes'
import './StaffGate.scss'

/** The workbench is for department staff: say so, say why this account cannot enter, and where to sign in. */
export default function StaffGate({ account }: { account: Account | null }) {
  return (
    <View className='yg-sgate' ariaRole='region' ariaLabel='工作台需要工作人员账号'>
      <Text className='yg-sgate__title'>工作台仅供部门工作人员使用</Text>
      <Text className='yg-sgate__text'>这里是各区、市级主管部门办理举报的地方：查看待办、受理、转办、答复。</Text>
      <Text className='yg-sgate__text'>
        {account ? `当前账号“${account.name}”没有办理举报的权限。` : '您还没有登录。'}请在“我的”页用工作人员账号登录。
      </Text>
      <Text className='yg-sgate__text'>如需举报或查看自己的举报进度，请前往“我要举报”或“我的”。</Text>
      <View className='yg-sgate__action'>
        <Button onClick={() => void Taro.switchTab({ url: ROUTES.mine })}>前往“我的”</Button>
      </View>
    </View>
  )
}
