// 71 fictional published violation cases (the seed's figure), deterministic. They tell the registry's story: every
// blacklisted institution has the case that put it there, dated before its blacklisting; suspensions have the case
// that led to them; the rest are unlicensed operators with no record. Dates run from 2022 to the sample's as-of date,
// and no two cases share their facts.
import { CATEGORY_DEPARTMENT, DEPARTMENT_LABEL, DISTRICT_LABEL, DISTRICTS, departmentName, type Category, type District } from '../../src/domain/catalog'
import type { ViolationType } from '../../src/domain/content'
import { blacklistCaseType, SAMPLE_STATUS_AS_OF, SUSPEND_CASE_TYPE } from './generate'
import type { InstitutionSeed, NoticeSeed, SampleData } from './types'
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
  /** The 通报 that published it. */
  notice: NoticeSeed
}

export const SAMPLE_CASES = 71
/** At least this share of the cases are about unlicensed operators (the most common kind in the seed story). */
const UNLICENSED_SHARE = 0.3
const FIRST_CASE_DAY = dayNo('2022-06-01')

type Rand = { int(min: number, max: number): number; pick<T>(xs: readonly T[]): T }
/** `subject`: what the entity teaches (its approved scope), or a likely subject for an unlicensed operator. */
type Fact = (r: Rand, subject: string) => string

/** What happened, per type: templates with figures, so that no two cases read alike. */
const FACTS: Record<ViolationType, Fact[]> = {
  unlicensed: [
    (r) => `未取得办学许可，在${r.pick(['居民楼', '商住楼', '写字楼'])}内租用约${r.int(60, 240)}平方米场所招收中小学生开展培训，有专职人员${r.int(2, 6)}名。`,
    (r, subject) => `以工作室名义对外招生，未经审批开展${subject}培训，现场有学员${r.int(12, 45)}名。`,
    (r) => `在${r.pick(['小区会所', '商铺二楼', '地下车库改建场所'])}开设培训班，未办理办学许可，已收取${r.int(18, 90)}名学员费用。`,
  ],
  disguised_academic: [
    (r) => `以“${r.pick(['思维训练', '研学', '阅读素养', '逻辑启蒙'])}”名义开设${r.pick(['语文', '数学', '英语', '物理'])}课程，教学内容超出核准的非学科类范围，涉及学员${r.int(20, 80)}名。`,
    (r) => `以托管名义在${r.pick(['酒店房间', '居民住宅', '咖啡馆包间'])}组织${r.pick(['初一', '初二', '初三', '小学五年级', '小学六年级'])}学生补习${r.pick(['英语', '物理', '数学', '化学'])}，每班${r.int(6, 15)}人。`,
    (r) => `以自习室名义招收学生，由${r.int(2, 5)}名授课人员讲授${r.pick(['数学', '英语', '语文'])}课程并收取费用。`,
  ],
  prepaid_fees: [
    (r) => `一次性收取家长${r.int(6, 24)}个月、${r.int(8, 20) * 8}课时学费共计${r.int(8, 30) * 1000}元，且未存入预收费监管专户。`,
    (r) => `引导家长办理“培训贷”缴纳课程费用，单次预收${r.int(6, 25) * 1000}元，涉及家长${r.int(5, 40)}名。`,
    (r) => `通过个人账户收取学费${r.int(3, 40) * 1000}元，未进入监管账户，且未与家长签订示范文本合同。`,
  ],
  advertising: [
    (r) => `在${r.pick(['小区电梯', '公交站', '学校周边路灯杆', '商场中庭'])}投放面向中小学生的培训广告${r.int(6, 60)}处，宣称“保过”“提分”。`,
    (r) => `通过公众号发布含有升学、排名承诺的宣传内容${r.int(3, 20)}篇，阅读量${r.int(2, 30)}千余次。`,
    (r) => `在学校门口向学生派发招生传单${r.int(200, 900)}余份，宣传内容制造升学焦虑。`,
  ],
  late_hours: [
    (r) => `线下培训课程结束时间晚于20:30，${r.int(2, 9)}次延至${r.pick(['21:00', '21:15', '21:30', '21:45'])}。`,
    (r) => `线上直播课程持续至${r.pick(['21:30', '22:00', '22:15'])}，超出规定时间，涉及学员${r.int(15, 120)}名。`,
  ],
  staff: [
    (r) => `聘用在职中小学教师${r.int(1, 4)}名有偿授课，未公示从业人员资质。`,
    (r) => `${r.int(2, 7)}名授课人员无相应专业资质证明，与公示信息不符。`,
  ],
  refund: [
    (r) => `机构突然停业，拖欠${r.int(12, 160)}名学员剩余课时费用约${r.int(5, 90)}万元，负责人失联。`,
    (r) => `学员申请退费后超过${r.int(30, 90)}日未予办理，拒不退还剩余费用共${r.int(2, 40)}万元。`,
  ],
  safety: [
    (r) => `培训场所安全出口被杂物堵塞，${r.int(2, 8)}具灭火器过期未更换。`,
    (r) => `在${r.pick(['地下室', '无窗隔间', '阁楼'])}开展培训，疏散通道宽度不足${r.int(6, 9) / 10}米，不符合消防要求。`,
  ],
  scope: [
    (r) => `在未经审批的第二场所开展培训活动，场所面积约${r.int(40, 200)}平方米。`,
    (r) => `培训内容超出核准的培训范围，开设未经审批的课程${r.int(2, 6)}门。`,
  ],
  competition: [
    (r) => `未经批准组织面向中小学生的竞赛活动，${r.int(80, 600)}名学生参加，每人收取报名费${r.int(10, 40) * 10}元。`,
    (r) => `以“等级测评”名义组织排名类竞赛，发放证书${r.int(50, 400)}份。`,
  ],
  other: [(r) => `未按规定使用合同示范文本，${r.int(10, 90)}份合同中含有不合理免责条款。`],
}

const OUTCOMES: Record<ViolationType, string[]> = {
  unlicensed: ['责令立即停止培训活动，退还所收费用，没收违法所得，并处违法所得2倍罚款。', '责令停止培训、退还学费，并依法予以罚款；相关场所已关停。'],
  disguised_academic: ['责令停止违法行为，退还学员费用，处违法所得3倍罚款。', '责令改正，退还所收费用，并予以罚款。'],
  prepaid_fees: ['责令限期整改，将预收费用转入监管专户并按规定退还超收部分。', '责令退还超额预收费用，列入重点监管名单。'],
  advertising: ['责令撤除广告，依据广告法予以行政处罚。', '责令删除违规内容，处以罚款并约谈负责人。'],
  late_hours: ['责令限期整改，调整课程时间，予以警告。', '责令改正并通报批评。'],
  staff: ['责令辞退相关人员，在职教师移交所在学校依纪处理。', '责令限期整改，补齐资质并重新公示。'],
  refund: ['已立案调查，监管账户资金依规优先退还学员。', '责令限期退费，逾期未退已移交相关部门处理。'],
  safety: ['责令消除隐患，经复查合格后方可恢复。', '消防部门依法处罚，场所停止使用。'],
  scope: ['责令停止在未审批场所培训，限期整改。', '责令改正，予以警告并处罚款。'],
  competition: ['责令停止竞赛活动，退还报名费用，予以通报批评。', '责令撤销相关证书，处以罚款。'],
  other: ['责令改正，使用示范文本重新签订合同。'],
}

const UNLICENSED_SUBJECTS = ['舞蹈', '美术', '书法', '编程', '体能', '口才']
/** The case that put an institution on the black list ends there. */
const BLACKLIST_OUTCOMES = ['责令改正并处罚款；逾期拒不改正，列入校外培训机构黑名单并向社会公布。', '依法予以行政处罚，责令退还所收费用，列入校外培训机构黑名单并向社会公布。']
const UNLICENSED_NAMES = ['星光艺术工作室', '启航学习中心', '小太阳托管班', '晨曦书画社', '乐跑体能馆', '未来科创营', '优优思维训练营', '青苗研学社', '彩虹舞蹈工作室', '小当家自习室']
/** The weights of the types for cases about unlicensed operators (no registry entry). */
const UNLICENSED_TYPES: ViolationType[] = ['unlicensed', 'unlicensed', 'unlicensed', 'disguised_academic', 'disguised_academic', 'advertising', 'competition', 'refund']
const DEPT_ABBR: Record<Category | 'none', string> = { arts: '文旅', sports: '体', science: '科', none: '教' }

function dayNo(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000
}
function iso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10)
}

interface Draft {
  day: number
  inst?: InstitutionSeed
  district: District
  entityName: string
  type: ViolationType
  outcome: string
}

export function generateCases(sample: SampleData, n = SAMPLE_CASES, seed = 71): CaseSeed[] {
  const next = mulberry32(seed)
  const r: Rand = {
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  }
  const lastDay = dayNo(SAMPLE_STATUS_AS_OF) - 1
  const drafts: Draft[] = []
  const room = n - Math.ceil(n * UNLICENSED_SHARE)

  // The case that put each blacklisted institution there: after its previous status change, before the blacklisting.
  for (const inst of sample.institutions) {
    if (drafts.length >= room) break
    if (inst.status !== 'blacklisted') continue
    const h = inst.history
    const listed = dayNo(h[h.length - 1].at)
    const since = dayNo(h[h.length - 2]?.at ?? h[0].at)
    const type = blacklistCaseType(inst.blacklistReason ?? '')
    drafts.push({ day: r.int(Math.max(since + 1, listed - 90), listed - 7), inst, district: inst.district, entityName: inst.name, type, outcome: r.pick(BLACKLIST_OUTCOMES) })
  }
  // The case behind each suspension, before the order to rectify.
  for (const inst of sample.institutions) {
    for (let k = 1; k < inst.history.length && drafts.length < room; k++) {
      const h = inst.history[k]
      if (h.status !== 'suspended') continue
      const suspended = dayNo(h.at)
      const type = SUSPEND_CASE_TYPE[h.note ?? ''] ?? 'other'
      drafts.push({ day: r.int(Math.max(dayNo(inst.history[k - 1].at) + 1, suspended - 60), suspended - 3), inst, district: inst.district, entityName: inst.name, type, outcome: '责令停业整改，整改期间不得招生和收费，经验收合格后方可恢复。' })
    }
  }
  // Unlicensed operators fill the rest, spread evenly over the years.
  const rest = n - drafts.length
  for (let k = 0; k < rest; k++) {
    const district = r.pick(DISTRICTS)
    const type = r.pick(UNLICENSED_TYPES)
    const day = FIRST_CASE_DAY + Math.floor(((k + next()) / rest) * (lastDay - FIRST_CASE_DAY))
    drafts.push({ day, district, entityName: `${DISTRICT_LABEL[district].replace('区', '')}${r.pick(UNLICENSED_NAMES)}`, type, outcome: r.pick(OUTCOMES[type]) })
  }

  drafts.sort((a, b) => a.day - b.day)
  const usedFacts = new Set<string>()
  const issues = new Map<string, number>()
  return drafts.map((d) => {
    let facts = ''
    const subject = d.inst ? d.inst.scope.split(/[、（]/)[0] : r.pick(UNLICENSED_SUBJECTS)
    for (let tries = 0; tries < 40 && (!facts || usedFacts.has(facts)); tries++) facts = r.pick(FACTS[d.type])(r, subject)
    // Few templates, many cases: the day of the inspection tells the rest apart.
    const onDay = `${Number(iso(d.day).slice(5, 7))}月${Number(iso(d.day).slice(8, 10))}日检查发现：`
    for (let tries = 0; tries < 40 && usedFacts.has(facts); tries++) facts = onDay + r.pick(FACTS[d.type])(r, subject)
    if (usedFacts.has(facts)) throw new Error(`sample cases: could not vary the facts of a ${d.type} case`)
    usedFacts.add(facts)
    const category = d.inst?.category
    const department = category ? departmentName(CATEGORY_DEPARTMENT[category], d.district) : `厦门市${DISTRICT_LABEL[d.district]}${DEPARTMENT_LABEL.education}`
    const date = iso(d.day)
    const year = date.slice(0, 4)
    const issue = (issues.get(department + year) ?? 0) + 1
    issues.set(department + year, issue)
    return {
      date,
      entityName: d.entityName,
      ...(d.inst ? { uscc: d.inst.uscc } : {}),
      district: d.district,
      ...(category ? { category } : {}),
      type: d.type,
      facts,
      outcome: d.outcome,
      department,
      notice: {
        title: `${department}关于${year}年第${issue}期校外培训违规典型案例的通报（示例）`,
        issuer: department,
        date,
        docNo: `厦${DISTRICT_LABEL[d.district][0]}${DEPT_ABBR[category ?? 'none']}通〔${year}〕${issue}号`,
      },
    }
  })
}
