import { View, Text } from '@tarojs/components'
import { ROLE_LABEL, departmentName } from '@/domain/catalog'
import { PERMISSION_LABEL, permissionsOf } from '@/domain/access'
import type { Account } from '@/domain/api'

export default function AccountCard({ account }: { account: Account | null }) {
  if (!account) {
    return (
      <View className='yg-mine__card'>
        <View className='yg-mine__avatar yg-mine__avatar--empty' />
        <View className='yg-mine__who'>
          <Text className='yg-mine__name'>未登录</Text>
          <Text className='yg-mine__meta'>查机构、核验资质无需登录</Text>
        </View>
      </View>
    )
  }
  return (
    <View className='yg-mine__card'>
      <View className='yg-mine__avatar'>
        <Text>{account.name.slice(0, 1)}</Text>
      </View>
      <View className='yg-mine__who'>
        <Text className='yg-mine__name'>{account.name}</Text>
        <Text className='yg-mine__meta'>身份：{ROLE_LABEL[account.role]}</Text>
        {account.department && <Text className='yg-mine__meta'>部门：{departmentName(account.department, account.district)}</Text>}
        {/* The server's own access table, so this line can never promise more than the server allows. */}
        <Text className='yg-mine__meta'>可以：{permissionsOf(account).map((p) => PERMISSION_LABEL[p]).join('、')}</Text>
      </View>
    </View>
  )
}
