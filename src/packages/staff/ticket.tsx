// One ticket on a phone (the desk shows the same panel beside the list).
import Taro, { useRouter } from '@tarojs/taro'
import { PageFrame } from '@/components'
import { STAFF_ROUTES } from '@/utils/routes'
import StaffGate from './StaffGate'
import TicketPanel from './TicketPanel'
import { useStaffAccount } from './useStaffAccount'

export default function StaffTicketPage() {
  const { params } = useRouter()
  const ticketNo = decodeURIComponent(params.ticketNo ?? '')
  const access = useStaffAccount()
  return (
    <PageFrame>
      {access.state === 'in' ? (
        <TicketPanel ticketNo={ticketNo} account={access.account} onOpen={(no) => void Taro.navigateTo({ url: STAFF_ROUTES.ticket(no) })} />
      ) : (
        <StaffGate account={access.account} />
      )}
    </PageFrame>
  )
}
