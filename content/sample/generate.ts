// Deterministic sample data: invented institutions sized after the figures in the seed story
// (907 institutions under audit, 240 approved in 5 white-list batches). Nothing here is live data:
// brand words are made up, codes pass their checks but belong to nobody, notices end in （示例）.
// Same options → byte-identical output (own PRNG; no Math.random, no clock).
import {
  CATEGORY_DEPARTMENT,
  DISTRICT_CENTRE,
  DISTRICT_LABEL,
  departmentName,
  type Category,
  type District,
  type InstitutionStatus,
} from '../../src/domain/catalog'
import type { ViolationType } from '../../src/domain/content'
import { USCC_ALPHABET, usccCheckChar } from '../../src/domain/uscc'
import { mulberry32 } from './random'
import type { BatchSeed, InstitutionSeed, NoticeSeed, SampleData, SiteSeed, StatusChangeSeed } from './types'

export const DEFAULT_INSTITUTIONS = 907
export const DEFAULT_SEED = 20240115
/** The date every sample status is "as of". */
export const SAMPLE_STATUS_AS_OF = '2026-11-20'

/** Mix of the default 907; larger or smaller runs keep these proportions. */
const BASE_TOTAL = 907
const BASE_WHITE_LIST = 240
const BASE_SUSPENDED = 10 // of the white-listed
const BASE_BLACKLISTED = 24
const BASE_REVOKED = 45
/** Sizes of the 5 batches for 240 approvals; scaled for other sizes. */
const BASE_BATCH_SIZES = [38, 45, 52, 49, 56]
const BATCH_DATES = ['2022-06-28', '2022-11-08', '2023-04-18', '2023-08-29', '2024-01-09']
const CN_NUMBERS = ['一', '二', '三', '四', '五']
const BATCH_DOC_NO = [58, 121, 47, 106, 6]
/** Application dates of institutions still pending, and of those blacklisted without ever being approved. */
const PENDING_FROM = day('2023-03-01')
const CLOSED_FROM = day('2022-03-01')
const CLOSED_TO = day('2025-12-31')
/** The earliest a licence is withdrawn or a white-listed institution is blacklisted: half a year after its batch. */
const MIN_DAYS_ON_LIST = 180

// ---------------------------------------------------------------------------------------------
// PRNG

// Module-level copies: global look-ups are slow inside jest's vm context, and these run millions of times.
const floor = Math.floor
const round = Math.round

class Rng {
  private readonly next: () => number
  constructor(seed: number) {
    this.next = mulberry32(seed)
  }
  float(): number {
    return this.next()
  }
  /** Integer in [min, max], inclusive. */
  int(min: number, max: number): number {
    return min + floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    return items[floor(this.next() * items.length)]
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  weighted<T>(table: Weighted<T>): T {
    // Plain index loop: this is the hot path, and ES5 down-levelling (jest's swc) makes for…of slow.
    const r = this.next() * table.total
    const { items, upTo } = table
    for (let i = 0; i < upTo.length; i++) if (r < upTo[i]) return items[i]
    return items[items.length - 1]
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = floor(this.next() * (i + 1))
      const t = items[i]
      items[i] = items[j]
      items[j] = t
    }
    return items
  }
  /** The first item, then k-1 more distinct ones, in list order. */
  firstPlus<T>(items: readonly T[], k: number): T[] {
    const out = [items[0]]
    let need = Math.min(k, items.length) - 1
    for (let i = 1; i < items.length && need > 0; i++) {
      // Selection sampling: each remaining item is taken with probability need / remaining.
      if (this.next() * (items.length - i) < need) {
        out.push(items[i])
        need--
      }
    }
    return out
  }
}

interface Weighted<T> {
  items: T[]
  /** Cumulative weights. */
  upTo: number[]
  total: number
}
function weighted<T>(entries: [T, number][]): Weighted<T> {
  const upTo: number[] = []
  let total = 0
  for (const [, w] of entries) upTo.push((total += w))
  return { items: entries.map(([item]) => item), upTo, total }
}

// ---------------------------------------------------------------------------------------------
// Dates (whole days since 1970-01-01, UTC)

function day(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number)
  return Date.UTC(y, m - 1, d) / 86_400_000
}
const isoCache = new Map<number, string>()
function iso(dayNo: number): string {
  let s = isoCache.get(dayNo)
  if (s === undefined) {
    s = new Date(dayNo * 86_400_000).toISOString().slice(0, 10)
    isoCache.set(dayNo, s)
  }
  return s
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const DISTRICT_WEIGHTS = weighted<District>([
  ['siming', 27],
  ['huli', 25],
  ['jimei', 17],
  ['haicang', 12],
  ['tongan', 11],
  ['xiangan', 8],
])

const CATEGORY_WEIGHTS = weighted<Category>([
  ['arts', 45],
  ['sports', 33],
  ['science', 22],
])

/** Administrative region codes (GB/T 2260) of Xiamen's districts: USCC chars 3–8 and licence numbers. */
export const REGION_CODE: Record<District, string> = {
  siming: '350203',
  haicang: '350205',
  huli: '350206',
  jimei: '350211',
  tongan: '350212',
  xiangan: '350213',
}

const DISTRICT_SHORT: Record<District, string> = {
  siming: '思明',
  huli: '湖里',
  jimei: '集美',
  haicang: '海沧',
  tongan: '同安',
  xiangan: '翔安',
}

/** Licence mark of the approving department: 文 culture, 体 sports, 科 science. */
const LICENSE_MARK: Record<Category, string> = { arts: '文', sports: '体', science: '科' }

interface Activity {
  word: string
  scopes: string[]
}

const ACTIVITIES: Record<Category, Weighted<Activity>> = {
  arts: weighted<Activity>([
    [{ word: '舞蹈', scopes: ['中国舞', '拉丁舞', '芭蕾舞', '街舞', '民族舞', '爵士舞'] }, 6],
    [{ word: '美术', scopes: ['少儿美术', '素描', '国画', '水彩', '创意手工'] }, 5],
    [{ word: '书法', scopes: ['硬笔书法', '软笔书法', '篆刻'] }, 3],
    [{ word: '钢琴', scopes: ['钢琴', '乐理', '视唱练耳'] }, 3],
    [{ word: '声乐', scopes: ['少儿声乐', '合唱', '乐理'] }, 2],
    [{ word: '音乐', scopes: ['钢琴', '吉他', '架子鼓', '尤克里里', '乐理'] }, 2],
    [{ word: '戏剧', scopes: ['儿童戏剧', '舞台表演', '音乐剧'] }, 1],
    [{ word: '播音主持', scopes: ['播音主持', '朗诵', '舞台表演'] }, 2],
    [{ word: '古筝', scopes: ['古筝', '琵琶', '二胡'] }, 1],
    [{ word: '小提琴', scopes: ['小提琴', '大提琴', '乐理'] }, 1],
    [{ word: '南音', scopes: ['南音', '闽南童谣', '歌仔戏'] }, 1],
    [{ word: '陶艺', scopes: ['陶艺', '漆画', '创意手工'] }, 1],
  ]),
  sports: weighted<Activity>([
    [{ word: '马术', scopes: ['马术基础', '场地障碍', '盛装舞步'] }, 3],
    [{ word: '游泳', scopes: ['游泳', '水上安全'] }, 4],
    [{ word: '篮球', scopes: ['篮球', '体能训练'] }, 4],
    [{ word: '跆拳道', scopes: ['跆拳道', '体能训练'] }, 3],
    [{ word: '击剑', scopes: ['花剑', '重剑', '佩剑'] }, 2],
    [{ word: '足球', scopes: ['足球', '体能训练'] }, 3],
    [{ word: '羽毛球', scopes: ['羽毛球'] }, 3],
    [{ word: '轮滑', scopes: ['轮滑', '速度滑冰', '平衡车'] }, 2],
    [{ word: '网球', scopes: ['网球'] }, 2],
    [{ word: '武术', scopes: ['武术套路', '南少林拳', '散打'] }, 2],
    [{ word: '围棋', scopes: ['围棋'] }, 2],
    [{ word: '象棋', scopes: ['中国象棋', '国际象棋'] }, 1],
    [{ word: '乒乓球', scopes: ['乒乓球'] }, 2],
    [{ word: '体适能', scopes: ['体适能', '少儿体能', '跳绳'] }, 2],
    [{ word: '帆船', scopes: ['帆船', '桨板', '水上安全'] }, 1],
    [{ word: '攀岩', scopes: ['攀岩', '体能训练'] }, 1],
  ]),
  science: weighted<Activity>([
    [{ word: '编程', scopes: ['图形化编程', 'Python编程', 'C++编程'] }, 5],
    [{ word: '机器人', scopes: ['机器人搭建', '机器人编程', '电子电路'] }, 4],
    [{ word: '科学实验', scopes: ['科学实验', '自然探究'] }, 3],
    [{ word: '无人机', scopes: ['无人机', '航空科普'] }, 2],
    [{ word: '航模', scopes: ['航模', '车模', '船模'] }, 2],
    [{ word: '人工智能', scopes: ['人工智能启蒙', '智能硬件', '图形化编程'] }, 2],
    [{ word: '创客', scopes: ['创客', '3D打印', '开源硬件'] }, 2],
    [{ word: '天文', scopes: ['天文观测', '天文科普'] }, 1],
  ]),
}

const SUFFIXES: Record<Category, Weighted<string>> = {
  arts: weighted([
    ['培训中心', 3],
    ['艺术培训学校', 2],
    ['艺术培训中心', 2],
    ['艺术学校', 1],
  ]),
  sports: weighted([
    ['体育俱乐部', 3],
    ['俱乐部', 2],
    ['培训中心', 2],
    ['体育培训中心', 2],
  ]),
  science: weighted([
    ['科技培训中心', 3],
    ['培训中心', 2],
    ['科创中心', 2],
    ['科技培训学校', 1],
  ]),
}

/** Invented two-character brands are first × second (e.g. 青禾, 星屿, 鹿鸣, 知行). */
const BRAND_FIRST = [...'青星鹿知启晨云明远嘉悦乐睿博思弘朗澄沐初拾南安和橙蓝海鹭榕凤筑芽彩童逸未小禾清若一']
const BRAND_SECOND = [...'禾屿鸣行语光帆舟林苗原川野果音画岸湾木石辰竹桥阳月溪谷风羽航途舍趣朵芽田梧芒澜']
const BRANDS: string[] = []
for (const a of BRAND_FIRST) for (const b of BRAND_SECOND) if (a !== b) BRANDS.push(a + b)

const ROADS: Record<District, string[]> = {
  siming: ['湖滨南路', '湖滨北路', '厦禾路', '莲前西路', '莲前东路', '嘉禾路', '思明南路', '中山路', '禾祥西路', '莲花南路', '文园路', '环岛南路', '鹭江道', '湖滨东路', '软件园二期观日路'],
  huli: ['枋湖路', '湖里大道', '仙岳路', '吕岭路', '金尚路', '五缘湾道', '兴隆路', '江头北路', '高崎南五路', '悦华路', '安岭路', '长乐路'],
  jimei: ['杏林湾路', '集美大道', '银江路', '侨英路', '乐海路', '杏滨路', '石鼓路', '诚毅大街', '后溪路'],
  haicang: ['海沧大道', '翁角路', '马青路', '新阳路', '沧林东路', '滨湖北路', '沧虹路'],
  tongan: ['环城南路', '同集中路', '银湖中路', '大同路', '城南路', '西湖路', '祥平路'],
  xiangan: ['翔安南路', '翔安西路', '民安大道', '舫山南路', '新店路', '马巷路'],
}

const ESCROW_BANKS = [
  '中国工商银行厦门分行',
  '中国建设银行厦门市分行',
  '兴业银行厦门分行',
  '厦门银行',
  '中国银行厦门市分行',
  '厦门农商银行',
  '中国农业银行厦门分行',
  '交通银行厦门分行',
]

const MOBILE_PREFIXES = ['135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '177', '180', '186', '187', '188', '189', '199']

const SUSPEND_REASONS = [
  '预收费未全部进入监管账户',
  '一次性收取超过3个月或60课时的费用',
  '消防安全隐患未按期整改',
  '超出审批场所开展培训',
  '培训结束时间晚于20:30',
  '从业人员资质未公示、与备案不符',
]

/** What each suspension is for, as the type of the case that led to it. */
export const SUSPEND_CASE_TYPE: Record<string, ViolationType> = {
  预收费未全部进入监管账户: 'prepaid_fees',
  一次性收取超过3个月或60课时的费用: 'prepaid_fees',
  消防安全隐患未按期整改: 'safety',
  超出审批场所开展培训: 'scope',
  '培训结束时间晚于20:30': 'late_hours',
  '从业人员资质未公示、与备案不符': 'staff',
  发布面向中小学生的校外培训广告: 'advertising',
}

/** Every revoked licence was granted first; one in four was withdrawn after a failed rectification. */
const REVOKE_VOLUNTARY = ['机构申请终止办学，已完成退费清算', '连续停办一年以上，依法注销', '办学场所灭失，依法注销']
const REVOKE_AFTER_SUSPENSION = '停业整改期满未通过验收，依法注销办学许可证'

/**
 * Why an institution was blacklisted decides the road it took there: never approved (operating while its application
 * was pending), approved then blacklisted, or approved, suspended, and blacklisted for not putting it right.
 */
type BlacklistRoad = 'unapproved' | 'approved' | 'suspended'
const BLACKLIST_REASONS: { reason: string; road: BlacklistRoad; caseType: ViolationType; suspendReason?: string }[] = [
  { reason: '未经审批擅自开展培训、拒不整改', road: 'unapproved', caseType: 'unlicensed' },
  { reason: '超额预收费后停业，拒不退费', road: 'approved', caseType: 'refund' },
  { reason: '以思维训练名义开展学科类培训', road: 'approved', caseType: 'disguised_academic' },
  { reason: '以托管、自习室名义违规开展学科类培训', road: 'approved', caseType: 'disguised_academic' },
  { reason: '停业整改期间擅自恢复培训', road: 'suspended', caseType: 'unlicensed', suspendReason: '消防安全隐患未按期整改' },
  { reason: '以“培训贷”方式收取培训费用', road: 'approved', caseType: 'prepaid_fees' },
  { reason: '预收费未进入监管账户，经责令仍不改正', road: 'suspended', caseType: 'prepaid_fees', suspendReason: '预收费未全部进入监管账户' },
  { reason: '发布违规校外培训广告，经责令仍不改正', road: 'suspended', caseType: 'advertising', suspendReason: '发布面向中小学生的校外培训广告' },
]

/** The type of the case that put an institution on the black list, by the reason given. */
export function blacklistCaseType(reason: string): ViolationType {
  return BLACKLIST_REASONS.find((r) => r.reason === reason)?.caseType ?? 'other'
}

/** Department short forms in invented document numbers: 厦思文旅〔2025〕37号. */
const DEPT_ABBR: Record<Category, string> = { arts: '文旅', sports: '体', science: '科' }

/** Invented document numbers, unique per issuer and year. */
class DocNumbers {
  private readonly used = new Set<string>()
  constructor(private readonly rng: Rng) {}
  next(prefix: string, date: string): string {
    const year = date.slice(0, 4)
    for (let span = 300; ; span *= 2) {
      for (let i = 0; i < 20; i++) {
        const no = `${prefix}〔${year}〕${this.rng.int(1, span)}号`
        if (!this.used.has(no)) {
          this.used.add(no)
          return no
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** Largest-remainder split of total over the given weights (result sums to total). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0)
  const raw = weights.map((w) => (total * w) / sum)
  const out = raw.map(Math.floor)
  let left = total - out.reduce((s, x) => s + x, 0)
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length][1]]++
  return out
}

function statusCounts(n: number): { whiteList: number; suspended: number; blacklisted: number; revoked: number; pending: number } {
  const whiteList = Math.round((n * BASE_WHITE_LIST) / BASE_TOTAL)
  const suspended = Math.round((whiteList * BASE_SUSPENDED) / BASE_WHITE_LIST)
  const blacklisted = Math.min(n - whiteList, Math.round((n * BASE_BLACKLISTED) / BASE_TOTAL))
  const revoked = Math.min(n - whiteList - blacklisted, Math.round((n * BASE_REVOKED) / BASE_TOTAL))
  return { whiteList, suspended, blacklisted, revoked, pending: n - whiteList - blacklisted - revoked }
}

function batches(): BatchSeed[] {
  return BATCH_DATES.map((date, i) => {
    const no = i + 1
    return {
      no,
      date,
      title: `第${CN_NUMBERS[i]}批非学科类校外培训机构白名单（示例）`,
      notice: {
        title: `厦门市文化和旅游局等关于公布第${no}批非学科类校外培训机构白名单的公告（示例）`,
        issuer: '厦门市文化和旅游局、厦门市体育局、厦门市科学技术局',
        date,
        docNo: `厦文旅〔${date.slice(0, 4)}〕${BATCH_DOC_NO[i]}号`,
      },
    }
  })
}

export function generateSample(opts: { institutions?: number; seed?: number } = {}): SampleData {
  const n = opts.institutions ?? DEFAULT_INSTITUTIONS
  const seed = opts.seed ?? DEFAULT_SEED
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`institutions must be a non-negative integer, got ${n}`)
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a number, got ${seed}`)

  const rng = new Rng(seed)
  const batchList = batches()
  const batchDays = batchList.map((b) => day(b.date))
  const asOfDay = day(SAMPLE_STATUS_AS_OF)

  // Status of each institution: exact counts, shuffled so every district and category gets some.
  const counts = statusCounts(n)
  const plan: { status: InstitutionStatus; batchNo?: number }[] = []
  const batchNos = apportion(counts.whiteList, BASE_BATCH_SIZES).flatMap((k, i) => Array<number>(k).fill(i + 1))
  rng.shuffle(batchNos)
  batchNos.forEach((batchNo, i) => plan.push({ status: i < counts.suspended ? 'suspended' : 'approved', batchNo }))
  for (let i = 0; i < counts.blacklisted; i++) plan.push({ status: 'blacklisted' })
  for (let i = 0; i < counts.revoked; i++) plan.push({ status: 'revoked' })
  for (let i = 0; i < counts.pending; i++) plan.push({ status: 'pending' })
  rng.shuffle(plan)

  const usedCores = new Set<string>()
  const usedUscc = new Set<string>()
  const usedLicense = new Set<string>()
  const docs = new DocNumbers(rng)

  const institutions: InstitutionSeed[] = plan.map(({ status, batchNo }) => {
    const district = rng.weighted(DISTRICT_WEIGHTS)
    const category = rng.weighted(CATEGORY_WEIGHTS)
    const activity = rng.weighted(ACTIVITIES[category])
    const name = uniqueName(rng, usedCores, category, district, activity.word)
    const nonProfit = rng.chance(0.25) // 民办非企业单位 (5…) vs company (9…)
    const uscc = uniqueUscc(rng, usedUscc, district, nonProfit)
    const licenseNo = uniqueLicense(rng, usedLicense, category, district)
    const main = site(rng, district)
    const sites: SiteSeed[] = [main]
    const extra = rng.chance(0.04) ? 2 : rng.chance(0.14) ? 1 : 0
    for (let i = 0; i < extra; i++) sites.push(site(rng, rng.chance(0.7) ? district : rng.weighted(DISTRICT_WEIGHTS)))

    const dept = departmentName(CATEGORY_DEPARTMENT[category], district)
    const docPrefix = `厦${DISTRICT_SHORT[district][0]}${DEPT_ABBR[category]}`
    const notice = (title: string, date: string): NoticeSeed => ({ title, issuer: dept, date, docNo: docs.next(docPrefix, date) })
    const history: StatusChangeSeed[] = []
    let blacklistReason: string | undefined
    const apply = (at: number) => history.push({ status: 'pending', at: iso(at), note: '提交办学许可申请，已受理' })
    /** Pending, then approved in a batch: the only way onto the white list. Returns the day of approval. */
    const approveIn = (no: number): number => {
      const approvedDay = batchDays[no - 1]
      apply(approvedDay - rng.int(45, 180))
      history.push({ status: 'approved', at: batchList[no - 1].date, notice: batchList[no - 1].notice })
      return approvedDay
    }
    const suspend = (from: number, to: number, reason: string): number => {
      const at = rng.int(from, to)
      history.push({ status: 'suspended', at: iso(at), notice: notice(`${dept}关于责令${name}停业整改的决定（示例）`, iso(at)), note: reason })
      return at
    }

    if (batchNo !== undefined) {
      const approvedDay = approveIn(batchNo)
      if (status === 'suspended') suspend(approvedDay + 90, asOfDay - 20, rng.pick(SUSPEND_REASONS))
    } else if (status === 'pending') {
      apply(rng.int(PENDING_FROM, asOfDay - 15))
    } else if (status === 'revoked') {
      let last = approveIn(rng.int(1, batchList.length))
      const reason = rng.chance(0.25) ? REVOKE_AFTER_SUSPENSION : rng.pick(REVOKE_VOLUNTARY)
      if (reason === REVOKE_AFTER_SUSPENSION) last = suspend(last + MIN_DAYS_ON_LIST, asOfDay - 130, rng.pick(SUSPEND_REASONS)) + 90
      else last += MIN_DAYS_ON_LIST
      const at = iso(rng.int(last, asOfDay - 10))
      history.push({ status, at, notice: notice(`${dept}关于注销${name}办学许可证的公告（示例）`, at), note: reason })
    } else {
      const road = rng.pick(BLACKLIST_REASONS)
      blacklistReason = road.reason
      let last: number
      if (road.road === 'unapproved') {
        last = rng.int(CLOSED_FROM, CLOSED_TO)
        apply(last)
        last += 60
      } else {
        last = approveIn(rng.int(1, batchList.length)) + MIN_DAYS_ON_LIST
        if (road.road === 'suspended') last = suspend(last, asOfDay - 130, road.suspendReason!) + 60
      }
      const at = iso(rng.int(last, asOfDay - 10))
      history.push({ status, at, notice: notice(`${dept}关于将${name}列入校外培训机构黑名单的公告（示例）`, at), note: blacklistReason })
    }

    const k = rng.chance(0.3) ? 1 : rng.chance(0.75) ? 2 : 3
    const scopeTail = rng.pick(['（少儿）', '（少儿）', '（少儿）', '（青少年）', '（青少年）', ''])
    const scope = rng.firstPlus(activity.scopes, k).join('、') + scopeTail

    const inst: InstitutionSeed = {
      name,
      uscc,
      licenseNo,
      category,
      district,
      status,
      statusAsOf: SAMPLE_STATUS_AS_OF,
      scope,
      address: main.address,
      lat: main.lat,
      lng: main.lng,
      phone: phone(rng),
      escrowBank: rng.pick(ESCROW_BANKS),
      escrowAccountName: `${name}预收费资金监管专户`,
      sites,
      history,
    }
    if (batchNo !== undefined) inst.batchNo = batchNo
    if (blacklistReason !== undefined) inst.blacklistReason = blacklistReason
    return inst
  })

  return { batches: batchList, institutions }
}

// ---------------------------------------------------------------------------------------------

const NAME_PREFIX = weighted([
  ['厦门市', 35],
  ['厦门', 35],
  ['', 30],
])

/**
 * Unique by the name without the 厦门(市) prefix, so no two names differ only by that prefix.
 * Tries fresh brand/activity/suffix combinations first, then a district branch, then numbered branches.
 */
/** The last numbered branch handed out per name base: the next free number, without counting up from 2 again
 *  (at 1,000,000 names the count-up was most of the generator's time). Numbered names come only from here, so the
 *  number found is the one the count-up found. Keyed by the `used` set it belongs to. */
const lastBranch = new WeakMap<Set<string>, Map<string, number>>()

function uniqueName(rng: Rng, used: Set<string>, category: Category, district: District, activity: string): string {
  const prefix = rng.weighted(NAME_PREFIX)
  const suffixes = SUFFIXES[category]
  const short = DISTRICT_SHORT[district]
  let c = ''
  for (let i = 0; i < 16; i++) {
    c = rng.pick(BRANDS) + activity + rng.weighted(suffixes)
    if (i >= 8) c += `（${short}分部）`
    if (!used.has(c)) break
  }
  if (used.has(c)) {
    const base = rng.pick(BRANDS) + activity + rng.weighted(suffixes)
    let branches = lastBranch.get(used)
    if (!branches) lastBranch.set(used, (branches = new Map()))
    let k = (branches.get(base + short) ?? 1) + 1
    while (used.has((c = `${base}（${short}第${k}分部）`))) k++
    branches.set(base + short, k)
  }
  used.add(c)
  return prefix + c
}

/** 9 1 (company) or 5 2 (民办非企业单位) + region code + MA…/MJ… organisation code + check character. */
function uniqueUscc(rng: Rng, used: Set<string>, district: District, nonProfit: boolean): string {
  for (;;) {
    let org = nonProfit ? 'MJ' : 'MA'
    for (let i = 0; i < 7; i++) org += USCC_ALPHABET[rng.int(0, USCC_ALPHABET.length - 1)]
    const first17 = (nonProfit ? '52' : '91') + REGION_CODE[district] + org
    const code = first17 + usccCheckChar(first17)
    if (!used.has(code)) {
      used.add(code)
      return code
    }
  }
}

/** 文民3502031230045号: department mark + 民 + region code + 7 digits + 号. */
function uniqueLicense(rng: Rng, used: Set<string>, category: Category, district: District): string {
  for (;;) {
    const code = `${LICENSE_MARK[category]}民${REGION_CODE[district]}${rng.int(1_000_000, 2_999_999)}号`
    if (!used.has(code)) {
      used.add(code)
      return code
    }
  }
}

function site(rng: Rng, district: District): SiteSeed {
  const road = rng.pick(ROADS[district])
  const no = rng.int(1, 899)
  const floor = rng.int(1, 4)
  let rest: string
  switch (rng.int(0, 3)) {
    case 0:
      rest = `${no}号${floor}层${floor}${String(rng.int(1, 20)).padStart(2, '0')}室`
      break
    case 1:
      rest = `${no}号${rng.pick(['A', 'B', 'C', '1', '2', '3'])}栋${floor}层`
      break
    case 2:
      rest = `${no}号之${rng.pick(CN_NUMBERS)}${floor}楼`
      break
    default:
      rest = `${no}号${floor}楼${rng.pick(['东侧', '西侧', '南侧', '北侧', ''])}`
  }
  const c = DISTRICT_CENTRE[district]
  return {
    address: `厦门市${DISTRICT_LABEL[district]}${road}${rest}`,
    district,
    lat: round6(c.lat + (rng.float() * 2 - 1) * 0.025),
    lng: round6(c.lng + (rng.float() * 2 - 1) * 0.025),
  }
}

function phone(rng: Rng): string {
  if (rng.chance(0.55)) return `0592-${rng.pick(LANDLINE_FIRST)}${rng.int(0, 999_999).toString().padStart(6, '0')}`
  return rng.pick(MOBILE_PREFIXES) + rng.int(0, 99_999_999).toString().padStart(8, '0')
}
const LANDLINE_FIRST = ['5', '5', '5', '6', '2']

function round6(x: number): number {
  return round(x * 1e6) / 1e6
}
