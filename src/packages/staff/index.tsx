// 工作台: the inbox, the management pages this account may use, and — on a wide web window — the chosen ticket
// beside the list. On a phone a row opens the ticket page.
import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { EmptyState, PageFrame } from '@/components'
import { focusable } from '@/components/a11y'
import { departmentName, ROLE_LABEL } from '@/domain/catalog'
import { STAFF_ROUTES } from '@/utils/routes'
// The parts shared with the ticket page first, in its order: the mini-program build bundles their styles once for
// both pages and needs one order of them.
import StaffGate from './StaffGate'
import TicketPanel from './TicketPanel'
import Inbox from './Inbox'
import ManageLinks from './ManageLinks'
import { useDeskLayout } from './useDeskLayout'
import { useInbox } from './useInbox'
import { useStaffAccount } from './useStaffAccount'
import './Desk.scss'

export default function WorkbenchPage() {
  const access = useStaffAccount()
  const desk = useDeskLayout()
  const inbox = useInbox(access.state === 'in')
  const [selected, setSelected] = useState<string>()
  const shown = useRef(false)

  // Back from a ticket page the statuses may have moved on: the list is read again (not on the first show).
  useDidShow(() => {
    if (shown.current) inbox.reload()
    shown.current = true
  })
  usePullDownRefresh(() => {
    inbox.reload()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => inbox.loadMore())

  // On the desk the first ticket of the list is open from the start, so the right side is never empty by default.
  const first = inbox.items[0]?.ticketNo
  useEffect(() => {
    if (desk && !selected && first) setSelected(first)
  }, [desk, selected, first])

  if (access.state !== 'in') {
    return (
      <PageFrame className='yg-desk'>
        <StaffGate account={access.account} />
      </PageFrame>
    )
  }
  const account = access.account
  const open = (ticketNo: string) => (desk ? setSelected(ticketNo) : void Taro.navigateTo({ url: STAFF_ROUTES.ticket(ticketNo) }))
  return (
    <PageFrame className={`yg-desk${desk ? ' yg-desk--wide' : ''}`}>
      <View className='yg-desk__cols'>
        <View className='yg-desk__list'>
          <View className='yg-desk__who'>
            <Text className='yg-desk__title'>待办举报</Text>
            <Text className='yg-desk__unit'>{account.department ? departmentName(account.department, account.district) : ROLE_LABEL[account.role]}</Text>
          </View>
          <ManageLinks account={account} />
          <Inbox account={account} inbox={inbox} desk={desk} selected={selected} onOpen={open} />
        </View>
        {desk && (
          <View className='yg-desk__ticket' ariaRole='region' ariaLabel={selected ? `举报 ${selected}` : '所选举报'} {...focusable}>
            {selected ? (
              <TicketPanel key={selected} ticketNo={selected} account={account} onOpen={open} onChanged={() => inbox.reload()} />
            ) : (
              <EmptyState title='请在左侧选择一件举报' lines={['选中的举报会显示在这里，可直接办理。']} />
            )}
          </View>
        )}
      </View>
    </PageFrame>
  )
}
