// What a status means for a parent, in one line (UI.md "The verdict card").
import type { Institution } from '@/domain/api'
import { formatDate } from './format'

export function verdictMeaning(inst: Pick<Institution, 'status' | 'batch' | 'blacklist' | 'history'>): string {
  switch (inst.status) {
    case 'approved':
      return inst.batch
        ? `已列入第${inst.batch.no}批白名单，${formatDate(inst.batch.date)} 公布`
        : '已通过主管部门审批，可以正常开展培训'
    case 'pending':
      return '正在审批中，尚未列入白名单，请暂缓缴费'
    case 'suspended':
      return '已被责令停业整改，整改期间不得招生和收费'
    case 'revoked':
      return '办学许可已注销或吊销，不得再开展培训'
    case 'blacklisted':
      return inst.blacklist
        ? `${inst.blacklist.reason}，${formatDate(inst.blacklist.date)} 列入黑名单`
        : '已列入校外培训机构黑名单'
  }
}
