// 工作台: the inbox and the supervisors' findings (巡查发现), the management pages this account may use, and — on a
// wide web window — the chosen ticket or visit beside the list. On a phone a row opens the ticket page, or the visit
// under its row.
import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { EmptyState, PageFrame } from '@/components'
import { focusable } from '@/components/a11y'
import { can } from '@/domain/access'
import { departmentName, ROLE_LABEL } from '@/domain/catalog'
import { STAFF_ROUTES } from '@/utils/routes'
// The parts shared with the ticket page first, in its order: the mini-program build bundles their styles once for
// both pages and needs one order of them.
import StaffGate from './StaffGate'
import TicketPanel from './TicketPanel'
import Inbox from './Inbox'
import DeskSections, { DESK_SECTION_PANEL_ID, type DeskSection } from './DeskSections'
import FindingDetail from './FindingDetail'
import Findings from './Findings'
import ManageLinks from './ManageLinks'
import { useDeskLayout } from './useDeskLayout'
import { useFindings } from './useFindings'
import { useInbox } from './useInbox'
import { useStaffAccount } from './useStaffAccount'
import './Desk.scss'

export default function WorkbenchPage() {
  const access = useStaffAccount()
  const desk = useDeskLayout()
  const inbox = useInbox(access.state === 'in')
  const [selected, setSelected] = useState<string>()
  const [section, setSection] = useState<DeskSection>('inbox')
  const findings = useFindings(access.state === 'in' && section === 'findings')
  const [visit, setVisit] = useState<string>()
  const shown = useRef(false)

  // Back from a ticket page the statuses may have moved on: the list is read again (not on the first show).
  useDidShow(() => {
    if (shown.current) (section === 'inbox' ? inbox : findings).reload()
    shown.current = true
  })
  usePullDownRefresh(() => {
    ;(section === 'inbox' ? inbox : findings).reload()
    Taro.stopPullDownRefresh()
  })
  useReachBottom(() => (section === 'inbox' ? inbox : findings).loadMore())

  // On the desk the first ticket of the list is open from the start, so the right side is never empty by default.
  const first = inbox.items[0]?.ticketNo
  useEffect(() => {
    if (desk && !selected && first) setSelected(first)
  }, [desk, selected, first])

  const firstVisit = findings.items[0]?.id
  useEffect(() => {
    if (desk && section === 'findings' && !visit && firstVisit) setVisit(firstVisit)
  }, [desk, section, visit, firstVisit])

  if (access.state !== 'in') {
    return (
      <PageFrame className='yg-desk'>
        <StaffGate account={access.account} />
      </PageFrame>
    )
  }
  const account = access.account
  const open = (ticketNo: string) => (desk ? setSelected(ticketNo) : void Taro.navigateTo({ url: STAFF_ROUTES.ticket(ticketNo) }))
  // From a visit to the complaint it became: on the desk the inbox side shows it, on a phone its page opens.
  const openTicket = (ticketNo: string) => {
    if (desk) setSection('inbox')
    open(ticketNo)
  }
  const seesVisits = can(account, 'observation.view')
  const chosenVisit = findings.items.find((f) => f.id === visit)
  return (
    <PageFrame className={`yg-desk${desk ? ' yg-desk--wide' : ''}`}>
      <View className='yg-desk__cols'>
        <View className='yg-desk__list'>
          <View className='yg-desk__who'>
            <Text className='yg-desk__title'>{section === 'inbox' ? '待办举报' : '巡查发现'}</Text>
            <Text className='yg-desk__unit'>{account.department ? departmentName(account.department, account.district) : ROLE_LABEL[account.role]}</Text>
          </View>
          <ManageLinks account={account} />
          {seesVisits && <DeskSections value={section} onPick={setSection} />}
          <View id={DESK_SECTION_PANEL_ID} ariaRole={seesVisits ? 'tabpanel' : undefined} ariaLabel={section === 'inbox' ? '举报' : '巡查发现'}>
            {section === 'inbox' ? (
              <Inbox account={account} inbox={inbox} desk={desk} selected={selected} onOpen={open} />
            ) : (
              <Findings findings={findings} desk={desk} selected={visit} onSelect={setVisit} onOpenTicket={openTicket} />
            )}
          </View>
        </View>
        {desk && section === 'findings' && (
          <View className='yg-desk__ticket' ariaRole='region' ariaLabel='所选巡查' {...focusable}>
            {chosenVisit ? <FindingDetail item={chosenVisit} onOpenTicket={openTicket} /> : <EmptyState title='请在左侧选择一次巡查' lines={['选中的巡查记录会显示在这里。']} />}
          </View>
        )}
        {desk && section === 'inbox' && (
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
