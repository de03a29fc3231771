// 71 fictional published violation cases (the seed's figure), deterministic. Most concern institutions in the
// sample registry that were suspended, revoked or blacklisted; the rest are unlicensed operators with no record.
import { CATEGORY_DEPARTMENT, DEPARTMENT_LABEL, DISTRICT_LABEL, DISTRICTS, type Category, type District } from '../../src/domain/catalog'
import type { ViolationType } from '../../src/domain/content'
import type { SampleData } from './types'
import { mulberry32 } from './random'

export interface CaseSeed {
  date: string
  entityName: string
  /** The registered institution's USCC, when the case is about one. */
  uscc?: string
  district: District
  category?: Category
  type: ViolationType
  facts: string
  outcome: string
  department: string
  notice: string
}

export const SAMPLE_CASES = 71

/** What happened and what was done, per type: plausible, plainly worded, clearly examples. */
const STORIES: Record<ViolationType, { facts: string[]; outcomes: string[] }> = {
  unlicensed: {
    facts: ['未取得办学许可，在居民楼内租用场所招收中小学生开展培训，有专职人员2名以上。', '以工作室名义对外招生，未经审批开展舞蹈、美术培训，现场有学员20余名。'],
    outcomes: ['责令立即停止培训活动，退还所收费用，没收违法所得，并处违法所得2倍罚款。', '责令停止培训、退还学费，并依法予以罚款；相关场所已关停。'],
  },
  disguised_academic: {
    facts: ['以“思维训练”“研学”名义开设语文、数学课程，教学内容超出核准的非学科类范围。', '以托管名义在酒店房间组织初中学生补习英语、物理。'],
    outcomes: ['责令停止违法行为，退还学员费用，列入黑名单并向社会公布。', '责令改正，退还所收费用，处违法所得3倍罚款。'],
  },
  prepaid_fees: {
    facts: ['一次性收取家长12个月、96课时学费共计1.2万元，且未存入预收费监管专户。', '引导家长办理“培训贷”缴纳课程费用，单次预收超过5000元。'],
    outcomes: ['责令限期整改，将预收费用转入监管专户并按规定退还超收部分。', '责令停业整改，退还超额预收费用，列入重点监管名单。'],
  },
  advertising: {
    facts: ['在小区电梯及公交站投放面向中小学生的培训广告，宣称“保过”“提分”。', '通过公众号发布含有升学、排名承诺的虚假宣传内容。'],
    outcomes: ['责令撤除广告，依据广告法予以行政处罚。', '责令删除违规内容，处以罚款并约谈负责人。'],
  },
  late_hours: {
    facts: ['线下培训课程结束时间晚于20:30，多次延至21:30。', '线上直播课程持续至22:00，超出规定时间。'],
    outcomes: ['责令限期整改，调整课程时间，予以警告。', '责令改正并通报批评。'],
  },
  staff: {
    facts: ['聘用在职中小学教师有偿授课，未公示从业人员资质。', '部分授课人员无相应专业资质证明，与公示信息不符。'],
    outcomes: ['责令辞退相关人员，在职教师移交所在学校依纪处理。', '责令限期整改，补齐资质并重新公示。'],
  },
  refund: {
    facts: ['机构突然停业，拖欠多名学员剩余课时费用，负责人失联。', '学员申请退费后超过30日未予办理，拒不退还剩余费用。'],
    outcomes: ['已立案调查，监管账户资金依规优先退还学员，列入黑名单。', '责令限期退费，逾期未退已移交相关部门处理。'],
  },
  safety: {
    facts: ['培训场所安全出口被杂物堵塞，灭火器过期未更换。', '在地下室开展培训，疏散通道不符合消防要求。'],
    outcomes: ['责令停业整改，消除隐患后经复查方可恢复。', '消防部门依法处罚，场所停止使用。'],
  },
  scope: {
    facts: ['在未经审批的第二场所开展培训活动。', '培训内容超出核准的培训范围，开设未经审批的课程。'],
    outcomes: ['责令停止在未审批场所培训，限期整改。', '责令改正，予以警告并处罚款。'],
  },
  competition: {
    facts: ['未经批准组织面向中小学生的竞赛活动，并收取报名费。', '以“等级测评”名义组织排名类竞赛并发放证书。'],
    outcomes: ['责令停止竞赛活动，退还报名费用，予以通报批评。', '责令撤销相关证书，处以罚款。'],
  },
  other: {
    facts: ['未按规定使用合同示范文本，合同中含有不合理免责条款。'],
    outcomes: ['责令改正，使用示范文本重新签订合同。'],
  },
}

const TYPE_WEIGHTS: [ViolationType, number][] = [
  ['unlicensed', 20],
  ['disguised_academic', 12],
  ['prepaid_fees', 10],
  ['advertising', 7],
  ['late_hours', 5],
  ['staff', 4],
  ['refund', 6],
  ['safety', 4],
  ['scope', 2],
  ['competition', 1],
]

const UNLICENSED_NAMES = ['星光艺术工作室', '启航学习中心', '小太阳托管班', '晨曦书画社', '乐跑体能馆', '未来科创营', '优优思维训练营', '青苗研学社']

export function generateCases(sample: SampleData, n = SAMPLE_CASES, seed = 71): CaseSeed[] {
  const r = mulberry32(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]
  const total = TYPE_WEIGHTS.reduce((s, [, w]) => s + w, 0)
  const pickType = () => {
    let x = r() * total
    for (const [t, w] of TYPE_WEIGHTS) if ((x -= w) < 0) return t
    return 'other' as ViolationType
  }
  const troubled = sample.institutions.filter((i) => i.status === 'suspended' || i.status === 'revoked' || i.status === 'blacklisted')
  const cases: CaseSeed[] = []
  for (let k = 0; k < n; k++) {
    const type = pickType()
    // Dates spread over 2022-06 … 2024-01 (the seed's reporting period), newest last.
    const day = new Date(Date.UTC(2022, 5, 1) + Math.floor((k / n) * 580 + r() * 10) * 86_400_000).toISOString().slice(0, 10)
    const story = STORIES[type]
    const inst = type !== 'unlicensed' && troubled.length ? troubled[Math.floor(r() * troubled.length)] : undefined
    const district = inst?.district ?? pick(DISTRICTS)
    const category = inst?.category
    const dept = category ? DEPARTMENT_LABEL[CATEGORY_DEPARTMENT[category]] : DEPARTMENT_LABEL.education
    const department = `厦门市${DISTRICT_LABEL[district]}${dept}`
    cases.push({
      date: day,
      entityName: inst?.name ?? `${DISTRICT_LABEL[district].replace('区', '')}${pick(UNLICENSED_NAMES)}`,
      ...(inst ? { uscc: inst.uscc } : {}),
      district,
      ...(category ? { category } : {}),
      type,
      facts: pick(story.facts),
      outcome: pick(story.outcomes),
      department,
      notice: `${department}关于校外培训违规典型案例的通报（第${Math.floor(k / 8) + 1}期，示例）`,
    })
  }
  return cases
}
