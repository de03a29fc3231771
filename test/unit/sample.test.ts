import { DISTRICT_CENTRE, DISTRICTS, CATEGORIES, INSTITUTION_STATUSES } from '../../src/domain/catalog'
import { LICENSE_PATTERN } from '../../src/domain/query'
import { isValidUscc } from '../../src/domain/uscc'
import { checkStatusChange } from '../../src/domain/institutionStatus'
import { blacklistCaseType, generateSample, SAMPLE_STATUS_AS_OF } from '../../content/sample/generate'
import { generateCases, SAMPLE_CASES } from '../../content/sample/cases'
import type { InstitutionSeed, NoticeSeed } from '../../content/sample/types'

const REGION: Record<string, string> = {
  siming: '350203',
  huli: '350206',
  jimei: '350211',
  haicang: '350205',
  tongan: '350212',
  xiangan: '350213',
}

function count<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const t of items) out[key(t)] = (out[key(t)] ?? 0) + 1
  return out
}

function allUnique(values: string[]): boolean {
  return new Set(values).size === values.length
}

describe('generateSample', () => {
  const sample = generateSample()
  const all = sample.institutions

  it('produces identical output for the same options', () => {
    expect(JSON.stringify(generateSample())).toBe(JSON.stringify(sample))
    expect(JSON.stringify(generateSample({ institutions: 300, seed: 42 }))).toBe(
      JSON.stringify(generateSample({ institutions: 300, seed: 42 })),
    )
  })

  it('produces different institutions for a different seed', () => {
    expect(generateSample({ seed: 1 }).institutions[0].name).not.toBe(generateSample({ seed: 2 }).institutions[0].name)
  })

  it('makes 907 institutions by default, 240 of them on the white list in 5 batches with ascending dates', () => {
    expect(all).toHaveLength(907)
    expect(sample.batches.map((b) => b.no)).toEqual([1, 2, 3, 4, 5])
    const dates = sample.batches.map((b) => b.date)
    expect([...dates].sort()).toEqual(dates)
    expect(new Set(dates).size).toBe(5)
    expect(dates[0] >= '2022-06-01' && dates[4] <= '2024-01-31').toBe(true)
    for (const b of sample.batches) {
      expect(b.notice.title).toContain(`第${b.no}批非学科类校外培训机构白名单`)
      expect(b.notice.date).toBe(b.date)
      expect(b.notice.issuer).toContain('厦门市文化和旅游局')
      expect(b.notice.docNo).toMatch(new RegExp(`^厦文旅〔${b.date.slice(0, 4)}〕\\d+号$`))
    }

    const whiteListed = all.filter((i) => i.batchNo !== undefined)
    expect(whiteListed).toHaveLength(240)
    expect(Object.keys(count(whiteListed, (i) => String(i.batchNo))).sort()).toEqual(['1', '2', '3', '4', '5'])
    for (const i of whiteListed) expect(['approved', 'suspended']).toContain(i.status)
    for (const i of all.filter((x) => x.status === 'approved' || x.status === 'suspended')) expect(i.batchNo).toBeDefined()
  })

  it('mixes the statuses plausibly: mostly pending, about 10 suspended, some revoked and blacklisted', () => {
    const byStatus = count(all, (i) => i.status)
    expect(Object.keys(byStatus).sort()).toEqual([...INSTITUTION_STATUSES].sort())
    expect(byStatus.suspended).toBeGreaterThanOrEqual(5)
    expect(byStatus.suspended).toBeLessThanOrEqual(15)
    expect(byStatus.pending).toBeGreaterThan(all.length / 2)
    for (const i of all.filter((x) => x.status === 'blacklisted')) expect(i.blacklistReason).toMatch(/\p{Script=Han}/u)
    for (const i of all.filter((x) => x.status !== 'blacklisted')) expect(i.blacklistReason).toBeUndefined()
  })

  it('spreads institutions over all districts and categories, with more in Siming and Huli than Xiang\'an', () => {
    const byDistrict = count(all, (i) => i.district)
    expect(Object.keys(byDistrict).sort()).toEqual([...DISTRICTS].sort())
    expect(byDistrict.siming).toBeGreaterThan(byDistrict.xiangan)
    expect(byDistrict.huli).toBeGreaterThan(byDistrict.tongan)
    expect(Object.keys(count(all, (i) => i.category)).sort()).toEqual([...CATEGORIES].sort())
  })

  it('keeps a chronological history that ends in the current status, before the as-of date', () => {
    for (const i of all) {
      expect(i.statusAsOf).toBe(SAMPLE_STATUS_AS_OF)
      expect(i.history.length).toBeGreaterThan(0)
      expect(i.history[i.history.length - 1].status).toBe(i.status)
      const dates = i.history.map((h) => h.at)
      expect([...dates].sort()).toEqual(dates)
      for (const h of i.history) {
        expect(h.at).toMatch(/^\d{4}-\d{2}-\d{2}$/)
        expect(h.at < i.statusAsOf).toBe(true)
        if (h.status === 'pending') expect(h.notice).toBeUndefined()
        else {
          expect(h.notice!.title).toContain('（示例）')
          expect(h.notice!.date).toBe(h.at)
          expect(h.notice!.issuer).toMatch(/^厦门市/)
        }
      }
      if (i.batchNo !== undefined) {
        const batch = sample.batches[i.batchNo - 1]
        expect(i.history.find((h) => h.status === 'approved')).toMatchObject({ at: batch.date, notice: batch.notice })
      }
    }
    const suspended = all.filter((i) => i.status === 'suspended')
    for (const i of suspended) expect(i.history.map((h) => h.status).slice(-2)).toEqual(['approved', 'suspended'])
  })

  it('takes every history through approval before a licence is revoked or suspended, one allowed step at a time', () => {
    for (const i of all) {
      const steps = i.history.map((h) => h.status)
      expect(steps[0]).toBe('pending')
      for (let k = 1; k < steps.length; k++) expect(checkStatusChange(steps[k - 1], steps[k])).toEqual({ ok: true, changed: true })
      if (steps.includes('revoked')) expect(steps.slice(0, steps.indexOf('revoked'))).toContain('approved')
      if (steps.includes('suspended')) expect(steps[steps.indexOf('suspended') - 1]).toBe('approved')
      // strictly later each time: two changes never share a day
      for (let k = 1; k < i.history.length; k++) expect(i.history[k].at > i.history[k - 1].at).toBe(true)
    }
    const revoked = all.filter((i) => i.status === 'revoked')
    expect(revoked.length).toBeGreaterThan(0)
    // an approval rests on a white-list batch, even when the institution has since left the list
    for (const i of revoked) {
      const approval = i.history.find((h) => h.status === 'approved')!
      expect(sample.batches.map((b) => b.notice)).toContainEqual(approval.notice)
    }
  })

  it('runs its status changes up to this year', () => {
    const years = new Set(all.flatMap((i) => i.history.map((h) => h.at.slice(0, 4))))
    for (const y of ['2022', '2023', '2024', '2025', '2026']) expect(years).toContain(y)
  })

  it('gives distinct notices distinct document numbers', () => {
    const notices = new Map<string, NoticeSeed>()
    for (const n of [...sample.batches.map((b) => b.notice), ...all.flatMap((i) => i.history.flatMap((h) => (h.notice ? [h.notice] : [])))]) {
      notices.set(`${n.date} ${n.title}`, n)
    }
    const docNos = [...notices.values()].map((n) => n.docNo!)
    for (const d of docNos) expect(d).toMatch(/^厦.{1,4}〔20\d\d〕\d+号$/)
    expect(allUnique(docNos)).toBe(true)
  })

  it('gives every institution a USCC that passes the check digit, is unique and carries its district code', () => {
    for (const i of all) {
      expect(isValidUscc(i.uscc)).toBe(true)
      expect(['91', '52']).toContain(i.uscc.slice(0, 2))
      expect(i.uscc.slice(2, 8)).toBe(REGION[i.district])
    }
    expect(allUnique(all.map((i) => i.uscc))).toBe(true)
  })

  it('gives every institution a unique licence number that matches LICENSE_PATTERN and its department', () => {
    const mark = { arts: '文', sports: '体', science: '科' }
    for (const i of all) {
      expect(i.licenseNo).toMatch(LICENSE_PATTERN)
      expect(i.licenseNo).toMatch(/^[文体科]民\d{13}号$/)
      expect(i.licenseNo[0]).toBe(mark[i.category])
      expect(i.licenseNo.slice(2, 8)).toBe(REGION[i.district])
    }
    expect(allUnique(all.map((i) => i.licenseNo))).toBe(true)
  })

  it('gives unique names that the common two-character activities find', () => {
    expect(allUnique(all.map((i) => i.name))).toBe(true)
    for (const word of ['舞蹈', '美术', '马术', '游泳', '编程', '机器人']) {
      expect(all.some((i) => i.name.includes(word))).toBe(true)
    }
    for (const i of all) expect(i.escrowAccountName).toBe(`${i.name}预收费资金监管专户`)
  })

  it('places every site near the centre of its own district, with the main address first', () => {
    const near = (s: { district: keyof typeof DISTRICT_CENTRE; lat: number; lng: number }) =>
      Math.abs(s.lat - DISTRICT_CENTRE[s.district].lat) <= 0.03 && Math.abs(s.lng - DISTRICT_CENTRE[s.district].lng) <= 0.03
    for (const i of all) {
      expect(i.sites.length).toBeGreaterThanOrEqual(1)
      expect(i.sites.length).toBeLessThanOrEqual(3)
      expect(i.sites[0]).toEqual({ address: i.address, district: i.district, lat: i.lat, lng: i.lng })
      for (const s of i.sites) {
        expect(near(s)).toBe(true)
        expect(s.address.startsWith('厦门市')).toBe(true)
      }
    }
    expect(all.some((i) => i.sites.length > 1)).toBe(true)
  })

  it('gives plausible phone numbers, escrow banks and scopes', () => {
    for (const i of all) {
      expect(i.phone).toMatch(/^(0592-[2-8]\d{6}|1[3-9]\d{9})$/)
      expect(i.escrowBank).toMatch(/厦门/)
      expect(i.scope.length).toBeGreaterThan(1)
    }
  })

  it('generates 100,000 institutions with unique names, USCCs and licence numbers and the same mix', () => {
    // How long this takes is a budget for the benchmark (`npm run bench` reports the seed's seconds), not a timed test.
    const big = generateSample({ institutions: 100_000 }).institutions
    expect(big).toHaveLength(100_000)
    expect(allUnique(big.map((i) => i.name))).toBe(true)
    expect(allUnique(big.map((i) => i.uscc))).toBe(true)
    expect(allUnique(big.map((i) => i.licenseNo))).toBe(true)
    const whiteListed = big.filter((i) => i.batchNo !== undefined).length
    expect(whiteListed).toBe(Math.round((100_000 * 240) / 907))
    expect(new Set(big.map((i) => i.batchNo).filter((b) => b !== undefined)).size).toBe(5)
    const blacklisted = big.filter((i) => i.status === 'blacklisted').length
    const small = all.filter((i) => i.status === 'blacklisted').length
    expect(Math.abs(blacklisted / 100_000 - small / 907)).toBeLessThan(0.002)
  }, 30_000)

  it('handles tiny sizes', () => {
    expect(generateSample({ institutions: 0 }).institutions).toEqual([])
    const one: InstitutionSeed[] = generateSample({ institutions: 1 }).institutions
    expect(one).toHaveLength(1)
    expect(isValidUscc(one[0].uscc)).toBe(true)
  })
})

describe('generateCases: the 曝光台 tells the registry\'s story', () => {
  const sample = generateSample()
  const cases = generateCases(sample)
  const byUscc = new Map(sample.institutions.map((i) => [i.uscc, i]))

  it('makes 71 cases, newest last, dated from 2022 up to this year and never after the as-of date', () => {
    expect(cases).toHaveLength(SAMPLE_CASES)
    const dates = cases.map((c) => c.date)
    expect([...dates].sort()).toEqual(dates)
    expect(dates[0] >= '2022-01-01').toBe(true)
    expect(dates[dates.length - 1] <= SAMPLE_STATUS_AS_OF).toBe(true)
    const years = new Set(dates.map((d) => d.slice(0, 4)))
    for (const y of ['2022', '2023', '2024', '2025', '2026']) expect(years).toContain(y)
  })

  it('never repeats the facts of a case', () => {
    expect(allUnique(cases.map((c) => c.facts))).toBe(true)
    const big = generateCases(generateSample({ institutions: 5000 }), 400)
    expect(allUnique(big.map((c) => c.facts))).toBe(true)
  })

  it('gives every blacklisted institution the case that put it there, dated before the blacklisting', () => {
    const blacklisted = sample.institutions.filter((i) => i.status === 'blacklisted')
    expect(blacklisted.length).toBeGreaterThan(0)
    for (const i of blacklisted) {
      const listedOn = i.history[i.history.length - 1].at
      const before = i.history[i.history.length - 2].at
      const cause = cases.filter((c) => c.uscc === i.uscc && c.date < listedOn && c.date > before)
      expect(cause.length).toBeGreaterThan(0)
      expect(cause.map((c) => c.type)).toContain(blacklistCaseType(i.blacklistReason!))
      expect(cause.some((c) => c.outcome.includes('黑名单'))).toBe(true)
    }
  })

  it('dates a case about an institution while it was on record, and no later than its last status change', () => {
    for (const c of cases.filter((x) => x.uscc)) {
      const i = byUscc.get(c.uscc!)!
      expect(i).toBeDefined()
      expect(c.entityName).toBe(i.name)
      expect(c.district).toBe(i.district)
      expect(c.date > i.history[0].at).toBe(true)
      expect(c.date < i.history[i.history.length - 1].at).toBe(true)
      expect(['suspended', 'revoked', 'blacklisted']).toContain(i.status)
    }
    // unlicensed operators are a good share of the board
    expect(cases.filter((c) => !c.uscc).length).toBeGreaterThanOrEqual(Math.ceil(SAMPLE_CASES * 0.3))
  })

  it('publishes each case in a 通报 of its own department, dated the day of the case, with its own document number', () => {
    for (const c of cases) {
      expect(c.notice.issuer).toBe(c.department)
      expect(c.notice.date).toBe(c.date)
      expect(c.notice.title).toContain(`${c.date.slice(0, 4)}年第`)
      expect(c.notice.title).toContain('（示例）')
    }
    expect(allUnique(cases.map((c) => c.notice.title))).toBe(true)
    expect(allUnique(cases.map((c) => c.notice.docNo!))).toBe(true)
  })

  it('is the same every time', () => {
    expect(JSON.stringify(generateCases(generateSample()))).toBe(JSON.stringify(cases))
  })
})
