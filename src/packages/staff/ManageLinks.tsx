// The management pages the account may use, read from the access table the server enforces (the permission of
// each page's staff action): a district staff member sees no 操作日志, a citizen never gets here.
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { can } from '@/domain/access'
import type { Account } from '@/domain/api'
import { STAFF_ACTION_ACCESS, type StaffAction } from '@/domain/staff'
import { MANAGE_ROUTES } from '@/utils/routes'
import './ManageLinks.scss'

const LINKS: { title: string; url: string; action: StaffAction }[] = [
  { title: '发布典型案例', url: MANAGE_ROUTES.publishCase(), action: 'publishCase' },
  { title: '机构状态', url: MANAGE_ROUTES.institutionStatus(), action: 'setInstitutionStatus' },
  { title: '导入白名单', url: MANAGE_ROUTES.importInstitutions, action: 'importInstitutions' },
  { title: '监督员与邀请码', url: MANAGE_ROUTES.supervisors, action: 'supervisors' },
  { title: '专项行动', url: MANAGE_ROUTES.campaigns, action: 'campaigns' },
  { title: '办理统计', url: MANAGE_ROUTES.stats, action: 'stats' },
  { title: '操作日志', url: MANAGE_ROUTES.audit, action: 'audit' },
]

export default function ManageLinks({ account }: { account: Account }) {
  const shown = LINKS.filter((l) => can(account, STAFF_ACTION_ACCESS[l.action]))
  if (shown.length === 0) return null
  return (
    <View className='yg-mlinks' ariaRole='navigation' ariaLabel='管理'>
      {shown.map((l) => (
        <View key={l.url} className='yg-mlinks__item' hoverClass='yg-mlinks__item--pressed' ariaRole='link' onClick={() => Taro.navigateTo({ url: l.url })}>
          <Text className='yg-mlinks__text'>{l.title}</Text>
          <View className='yg-mlinks__chevron' />
        </View>
      ))}
    </View>
  )
}
