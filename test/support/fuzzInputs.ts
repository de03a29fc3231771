// The generators of the fuzz suite (test/api/fuzz.test.ts) and of `npm run fuzz` (bench/fuzz.ts), in one home.
// Every function × action of cloud/functions/registry.ts is a target, so a new action joins without a line here;
// an action with a known shape below also gets valid-shaped inputs with one field broken, which reach deeper code.
// Bodies are JSON *text*, written here: lone surrogates go out as \udXXX escapes and numbers such as 1e400 or -0
// as raw tokens, so the server's JSON.parse really produces them.
import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { functions } from '../../cloud/functions/registry'
import { STATUS_OF } from '../../cloud/gateway/http'
import { ERROR_CODES, type ErrorCode } from '../../src/domain/api'
import { ARTICLE_TOPICS, VIOLATION_TYPES } from '../../src/domain/content'
import { CATEGORIES, DEPARTMENTS, DISTRICTS, INSTITUTION_STATUSES } from '../../src/domain/catalog'
import { CHECKLIST_ITEMS, SUPERVISOR_KINDS } from '../../src/domain/checklist'
import { COMPLAINT_STATUSES } from '../../src/domain/complaints'

// ---------------------------------------------------------------------------------------------
// Targets and callers

export interface Target {
  fn: string
  action: string
}

/** Every function × action the gateway routes, read from the registry. */
export function fuzzTargets(): Target[] {
  return Object.entries(functions).flatMap(([fn, f]) => Object.keys(f.actions).map((action) => ({ fn, action })))
}

export const targetName = (t: Target) => `${t.fn}.${t.action}`

/** Who calls: nobody, citizens, staff, the admin, or a forged token. */
export const CALLERS = ['anonymous', 'citizen', 'citizen2', 'supervisor', 'staff-culture', 'admin', 'forged'] as const
export type Caller = (typeof CALLERS)[number]

/** What the fuzz knows about the database it runs against, read once at setup. */
export interface FuzzContext {
  institutionIds: string[]
  usccs: string[]
  licenseNos: string[]
  slugs: string[]
  caseIds: string[]
  /** Tickets of the citizen (own) and of others. */
  ticketNos: string[]
  /** Evidence uploaded by the citizen. */
  fileIds: string[]
  /** A cloud fileID in the configured environment (files.register), or any well-formed one. */
  cloudFileIds: string[]
}

export interface FuzzCase {
  caller: Caller
  /** The request body exactly as sent. */
  body: string
}

// ---------------------------------------------------------------------------------------------
// JSON text with raw tokens

/** A piece of JSON text written verbatim (numbers JSON.stringify cannot write, deep nesting). */
export class Raw {
  constructor(readonly text: string) {}
  toString() {
    return this.text
  }
}

/** Absent: the key is left out of its object. */
export const ABSENT = Symbol('absent')

/** Past this many characters a body is far over the gateway's limit whatever it holds: it is sent as one long string
 *  instead (still a 413), because nested odd values can multiply past V8's longest string while being joined. */
const MAX_BODY_CHARS = 4_000_000

/** What such a body becomes: over the limit like the raw oversize requests, small enough to be sent whole. */
const OVERSIZE_BODY_CHARS = 600_000

class TooLong extends Error {}

export function toJsonText(value: unknown): string {
  try {
    return jsonText(value, { left: MAX_BODY_CHARS })
  } catch (e) {
    // V8 refuses a string past about 536 M characters (RangeError) before the budget can see some bodies (a huge key,
    // a key repeated at every level): those are far over the limit too.
    if (e instanceof TooLong || e instanceof RangeError) return JSON.stringify('x'.repeat(OVERSIZE_BODY_CHARS))
    throw e
  }
}

/** Counts the characters of leaves (the containers' own brackets and keys are few), stopping past the budget. */
function jsonText(value: unknown, budget: { left: number }): string {
  const out = jsonPiece(value, budget)
  const leaf = value instanceof Raw || typeof value === 'string'
  if (leaf && (budget.left -= out.length) < 0) throw new TooLong()
  return out
}

function jsonPiece(value: unknown, budget: { left: number }): string {
  const toJsonText = (v: unknown) => jsonText(v, budget)
  if (value instanceof Raw) return value.text
  if (value === null || value === undefined || value === ABSENT) return 'null'
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value)
  if (typeof value === 'number') return Number.isFinite(value) ? (Object.is(value, -0) ? '-0' : JSON.stringify(value)) : 'null'
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`
  if (typeof value === 'object') {
    const parts: string[] = []
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== ABSENT && v !== undefined) parts.push(`${JSON.stringify(k)}:${toJsonText(v)}`)
    return `{${parts.join(',')}}`
  }
  return 'null'
}

// ---------------------------------------------------------------------------------------------
// Odd values

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c))
const control = fc.oneof(fc.constant('\u0000'), fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)))
/** What PostgreSQL refuses (NUL in text, lone surrogates in jsonb) and other control characters. */
const badChar = fc.oneof(control, loneSurrogate)

const SPECIAL_STRINGS = [
  '', ' ', '\t', '\n', '\r\n', '%', '_', '\\', "'", '"', '%_%', '\\%', "' OR '1'='1", "'; DROP TABLE complaints; --", '$1', '?', '*', '.*',
  '舞蹈', '厦门', '思明区', 'wudao', 'WUDAO', 'xm', '文民350203100123号', '91350200MA2Y0X1234', '91350200MA2Y0X123', 'XM20261201-0001',
  'XM99999999-999999999999', '00000000-0000-0000-0000-000000000000', 'cloud://x.y/evidence/0123456789abcdef0123.jpg', '__proto__',
  'constructor', 'toString', 'hasOwnProperty', 'null', 'undefined', 'NaN', 'Infinity', '-0', '1e308', 'true', '[]', '{}',
  '\u200b', '\ufeff', '\u202e', '\u00a0', '\u3000', '\uffff', '\ufffe', '\ufffd', '😀', '👨‍👩‍👧', '𝕏', 'é', 'e\u0301', 'ﬃ', 'İ', 'ß',
  '<script>alert(1)</script>', '${7*7}', '{{7*7}}', '../../etc/passwd', 'C:\\Windows', 'o0', 'o20', 'o-1', 'o999999', 'o1000000', 'o1e3',
]

const DATE_STRINGS = [
  '2025-02-30', '0000-01-01', '9999-12-31', '2026-02-29', '2024-02-29', '2023-02-29', '1999-12-31', '2000-01-01', '2026-1-1',
  '2026-12-02T00:00:00Z', ' 2026-01-01', '２０２６-01-01', '2026-13-01', '2026-00-10', '2026-04-31', '+002026-01-01', '-000001-01-01',
  '2026-12-01', '2026-11-30', '2027-12-31', '20261201', '2026/12/01',
]

export const BAD_CURSORS = ['', 'o', 'o-1', 'o999999', 'o1000000', 'o1e3', `o${'9'.repeat(20)}`, '%', '0', 'abc', 'o12 ', 'O12', 'o0x10', 'o١٢', 'null']

export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.array(fc.oneof(badChar, fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 8 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.constantFrom(...DATE_STRINGS) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD_CURSORS) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', '厦', '%', ' ', '😀', '\\'), fc.integer({ min: 40, max: 5000 })).map(([c, n]) => c.repeat(n)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', '门'), fc.integer({ min: 100_000, max: 300_000 })).map(([c, n]) => c.repeat(n)) },
)

export const oddNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.integer({ min: -3, max: 60 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1, 5, 6, 50, 51, 90, 90.0000001, -180, 181, 2000, 2100, 2101, 0.5, 1.5, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE),
  fc.constantFrom('1e308', '-1e308', '1e400', '-1e400', '-0', '1e-400', '123456789012345678901234567890', '0.1', '4.9e-324', '1E2', '-0.0').map((t) => new Raw(t)),
)

const deepNesting: fc.Arbitrary<Raw> = fc
  .tuple(fc.integer({ min: 10, max: 20_000 }), fc.boolean())
  .map(([n, arrays]) => new Raw(arrays ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`))

export const oddKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'action', 'userInfo', '', ' ', 'id ', 'ID', 'q\u0000', '\ud800', 'toString', '0', 'length'),
  fc.string({ maxLength: 12 }),
)

/** Anything JSON can carry, a few levels deep, biased to the odd. */
export const oddValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: oddString },
    { weight: 3, arbitrary: oddNumber },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(oddKey, tie('value'), { maxKeys: 4 }) },
    { weight: 1, arbitrary: deepNesting },
  ),
})).value

// ---------------------------------------------------------------------------------------------
// Valid shapes per action (optional: an action without one is fuzzed with the generic inputs only)

type Shape = (ctx: FuzzContext) => fc.Arbitrary<Record<string, unknown>>

const pick = <T>(xs: readonly T[], fallback: T) => (xs.length ? fc.constantFrom(...xs) : fc.constant(fallback))
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined })
const aDate = fc.constantFrom('2026-11-01', '2026-06-15', '2025-12-31', '2026-12-01')
const lat = fc.double({ min: 24.3, max: 24.8, noNaN: true })
const lng = fc.double({ min: 117.9, max: 118.3, noNaN: true })
const text = (min: number, max: number) => fc.string({ unit: 'grapheme', minLength: min, maxLength: max })

export const SHAPES: Record<string, Shape> = {
  'auth.login': () => fc.record({ code: fc.string({ minLength: 1, maxLength: 40 }) }),
  'auth.devLogin': () => fc.record({ account: fc.constantFrom('citizen', 'citizen2', 'admin', 'staff-sports', 'nobody') }),
  'auth.me': () => fc.constant({}),
  'auth.demo': () => fc.constant({}),
  'institutions.search': (ctx) =>
    fc.record(
      {
        q: opt(fc.oneof(fc.constantFrom('舞蹈', '美术', 'wd', 'wudao', '思明', '文民', '9135'), pick(ctx.usccs, ''), pick(ctx.licenseNos, ''))),
        district: opt(fc.constantFrom(...DISTRICTS)),
        category: opt(fc.constantFrom(...CATEGORIES)),
        status: opt(fc.constantFrom(...INSTITUTION_STATUSES)),
        lat: opt(lat),
        lng: opt(lng),
        sort: opt(fc.constantFrom('relevance', 'distance')),
        cursor: opt(fc.constantFrom('o0', 'o20', 'o40', 'o10000')),
        limit: opt(fc.integer({ min: 1, max: 50 })),
      },
      { requiredKeys: [] },
    ),
  'institutions.get': (ctx) => fc.record({ id: pick(ctx.institutionIds, 'x') }),
  'institutions.verify': (ctx) => fc.record({ code: fc.oneof(pick(ctx.usccs, '9135'), pick(ctx.licenseNos, '文民1号'), fc.string({ maxLength: 20 })) }),
  'content.articles': () => fc.record({ topic: opt(fc.constantFrom(...ARTICLE_TOPICS)), q: opt(fc.constantFrom('退费', '白名单', '预付')) }, { requiredKeys: [] }),
  'content.article': (ctx) => fc.record({ slug: pick(ctx.slugs, 'x') }),
  'content.cases': (ctx) =>
    fc.record(
      {
        district: opt(fc.constantFrom(...DISTRICTS)),
        type: opt(fc.constantFrom(...VIOLATION_TYPES)),
        year: opt(fc.integer({ min: 2019, max: 2027 })),
        institutionId: opt(pick(ctx.institutionIds, 'x')),
        cursor: opt(fc.constantFrom('o0', 'o10', '10', 'x')),
        limit: opt(fc.integer({ min: 1, max: 50 })),
      },
      { requiredKeys: [] },
    ),
  'content.case': (ctx) => fc.record({ id: pick(ctx.caseIds, 'x') }),
  'content.stats': () => fc.constant({}),
  'complaints.submit': (ctx) =>
    fc.record(
      {
        requestId: fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/),
        category: fc.constantFrom(...VIOLATION_TYPES),
        institutionId: pick(ctx.institutionIds, 'x'),
        description: text(10, 60),
        happenedOn: aDate,
        details: opt(fc.record({ amountYuan: opt(fc.integer({ min: 0, max: 50_000 })), hours: opt(fc.integer({ min: 0, max: 100 })), intoEscrow: opt(fc.boolean()) }, { requiredKeys: [] })),
        evidence: opt(fc.subarray(ctx.fileIds)),
        contact: fc.oneof(fc.constant({ anonymous: true }), fc.record({ anonymous: fc.constant(false), name: text(1, 10), phone: fc.constantFrom('13800000000', '19912345678') })),
        subscribe: opt(fc.boolean()),
      },
      { requiredKeys: ['requestId', 'category', 'institutionId', 'description', 'happenedOn', 'contact'] },
    ).chain((r): fc.Arbitrary<Record<string, unknown>> =>
      // Half of them name a place not on the list instead of an institution.
      fc.boolean().chain((placeInstead): fc.Arbitrary<Record<string, unknown>> =>
        placeInstead
          ? fc.record({ name: text(2, 20), address: fc.constantFrom('思明区莲前西路1号', '湖里区某某路88号2楼', '无处可寻的地址'), lat: opt(lat), lng: opt(lng), district: opt(fc.constantFrom(...DISTRICTS)) }, { requiredKeys: ['name', 'address'] }).map((place): Record<string, unknown> => ({ ...r, institutionId: ABSENT, place }))
          : fc.constant(r),
      ),
    ),
  'complaints.mine': () => fc.record({ cursor: opt(fc.constantFrom('o10', '10', '20', 'x')) }, { requiredKeys: [] }),
  'complaints.get': (ctx) => fc.record({ ticketNo: pick(ctx.ticketNos, 'XM20261201-0001') }),
  'complaints.withdraw': (ctx) => fc.record({ ticketNo: pick(ctx.ticketNos, 'XM20261201-0001'), reason: text(2, 30) }),
  'complaints.review': (ctx) => fc.record({ ticketNo: pick(ctx.ticketNos, 'XM20261201-0001'), reason: text(2, 30) }),
  'complaints.addInfo': (ctx) => fc.record({ ticketNo: pick(ctx.ticketNos, 'XM20261201-0001'), note: opt(text(0, 40)), evidence: opt(fc.subarray(ctx.fileIds)) }, { requiredKeys: ['ticketNo'] }),
  'complaints.rate': (ctx) => fc.record({ ticketNo: pick(ctx.ticketNos, 'XM20261201-0001'), rating: fc.integer({ min: 1, max: 5 }), comment: opt(text(0, 40)) }, { requiredKeys: ['ticketNo', 'rating'] }),
  'files.register': (ctx) => fc.record({ fileId: pick(ctx.cloudFileIds, 'cloud://x.y/evidence/0123456789abcdef0123.jpg') }),
  // The workbench's handling side and planning (staff.*, built by the lead).
  'staff.inbox': () =>
    fc.record(
      {
        status: opt(fc.constantFrom(...COMPLAINT_STATUSES)),
        category: opt(fc.constantFrom(...VIOLATION_TYPES)),
        district: opt(fc.constantFrom(...DISTRICTS)),
        overdue: opt(fc.boolean()),
        q: opt(fc.constantFrom('XM2026', '舞蹈', '美术', 'x')),
        cursor: opt(fc.constantFrom('k2026-12-01|00000000-0000-0000-0000-000000000000', 'k2026-02-30|00000000-0000-0000-0000-000000000000', 'o20', 'k')),
      },
      { requiredKeys: [] },
    ),
  'staff.complaint': (ctx) => fc.record({ ticketNo: pick(ctx.ticketNos, 'XM20261201-0001') }),
  'staff.revealContact': (ctx) => fc.record({ ticketNo: pick(ctx.ticketNos, 'XM20261201-0001') }),
  'staff.transition': (ctx) =>
    fc.oneof(
      fc.record({ ticketNo: pick(ctx.ticketNos, 'XM20261201-0001'), step: fc.constantFrom('accept', 'start'), note: opt(text(0, 20)) }, { requiredKeys: ['ticketNo', 'step'] }),
      fc.record({ ticketNo: pick(ctx.ticketNos, 'XM20261201-0001'), step: fc.constant('transfer'), department: fc.constantFrom(...DEPARTMENTS), district: opt(fc.option(fc.constantFrom(...DISTRICTS), { nil: null })), reason: text(4, 30) }, { requiredKeys: ['ticketNo', 'step', 'department', 'reason'] }),
      fc.record({ ticketNo: pick(ctx.ticketNos, 'XM20261201-0001'), step: fc.constantFrom('reply', 'answerReview'), reply: text(10, 40), note: opt(text(0, 20)) }, { requiredKeys: ['ticketNo', 'step', 'reply'] }),
      fc.record({ ticketNo: pick(ctx.ticketNos, 'XM20261201-0001'), step: fc.constantFrom('resolve', 'reject'), reason: text(10, 40) }),
      fc.record({ ticketNo: pick(ctx.ticketNos, 'XM20261201-0001'), step: fc.constant('askInfo'), question: text(10, 40) }),
      fc.record({ ticketNo: pick(ctx.ticketNos, 'XM20261201-0001'), step: fc.constant('note'), note: text(2, 40) }),
    ),
  'staff.invite': () => fc.record({ district: fc.constantFrom(...DISTRICTS), kind: fc.constantFrom(...SUPERVISOR_KINDS), days: opt(fc.integer({ min: 1, max: 90 })) }, { requiredKeys: ['district', 'kind'] }),
  'staff.supervisors': () => fc.record({ district: opt(fc.constantFrom(...DISTRICTS)) }, { requiredKeys: [] }),
  'staff.campaigns': () => fc.constant({}),
  'staff.saveCampaign': () =>
    fc.record({
      name: text(2, 20),
      startsOn: aDate,
      endsOn: fc.constantFrom('2026-12-31', '2027-01-31', '2026-01-01'),
      districts: fc.subarray([...DISTRICTS], { minLength: 1 }),
      focus: fc.subarray([...CHECKLIST_ITEMS], { minLength: 1 }),
    }),
  'staff.stats': () => fc.record({ days: opt(fc.constantFrom(30, 90, 365)) }, { requiredKeys: [] }),
  'staff.audit': () => fc.record({ cursor: opt(fc.constantFrom('k100', 'k1', 'k-1', 'o1')) }, { requiredKeys: [] }),
  'staff.observations': () =>
    fc.record({ onlyFailed: opt(fc.boolean()), cursor: opt(fc.constantFrom('k1764662400000|00000000-0000-0000-0000-000000000000', 'k1|x', 'o20')) }, { requiredKeys: [] }),
  // Supervisors' field visits (supervision.*).
  'supervision.bind': () => fc.record({ code: fc.oneof(fc.stringMatching(/^[A-Z2-9]{8}$/), fc.constantFrom('abcdefgh', 'ZZZZ2222', '1234')) }),
  'supervision.campaigns': () => fc.constant({}),
  'supervision.mine': () => fc.record({ cursor: opt(fc.constantFrom('k1764662400000|00000000-0000-0000-0000-000000000000', 'k1|x', 'o20')) }, { requiredKeys: [] }),
  'supervision.submit': (ctx) =>
    fc.record(
      {
        requestId: fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/),
        institutionId: pick(ctx.institutionIds, 'x'),
        visitedAt: fc.integer({ min: -8 * 86_400, max: 3600 }).map((s) => new Date(Date.now() + s * 1000).toISOString()),
        location: fc.record({ lat, lng, accuracyM: fc.integer({ min: 1, max: 300 }) }),
        checklist: fc.dictionary(fc.constantFrom(...CHECKLIST_ITEMS), fc.constantFrom('pass', 'fail', 'na'), { minKeys: 1, maxKeys: 5 }),
        itemNotes: opt(fc.dictionary(fc.constantFrom(...CHECKLIST_ITEMS), text(1, 20), { maxKeys: 3 })),
        notes: opt(text(0, 40)),
        signature: opt(fc.oneof(fc.constant({ refused: true }), fc.record({ refused: fc.constant(false), fileId: pick(ctx.fileIds, 'x') }))),
        reason: opt(text(0, 30)),
      },
      { requiredKeys: ['requestId', 'institutionId', 'visitedAt', 'location', 'checklist'] },
    ),
  'supervision.institutions': () =>
    fc.record(
      {
        sort: opt(fc.constantFrom('distance', 'lastVisit')),
        near: opt(fc.record({ lat, lng })),
        q: opt(fc.constantFrom('舞蹈', '美术', 'wd', '%', '培训中心')),
        cursor: opt(fc.constantFrom('o0', 'o20', 'o40', 'o10000', 'k1|x')),
      },
      { requiredKeys: [] },
    ),
  'supervision.escalate': () => fc.record({ id: fc.uuid(), requestId: fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/) }),
}

// staff.publishCase, staff.setInstitutionStatus, staff.importInstitutions (the workbench's records), kept apart from
// the lead's staff shapes. Texts sometimes carry a phone or ticket number, so the personal-data refusal is reached too.
const aNotice = fc.record(
  {
    title: fc.constantFrom('关于超时培训问题的处理通报（示例）', '关于责令停业整改的决定（示例）', '第6批白名单公告（示例）'),
    issuer: opt(fc.constantFrom('厦门市文化和旅游局', '')),
    date: aDate,
    docNo: opt(fc.constantFrom('厦文旅〔2026〕1号', '')),
    url: opt(fc.constantFrom('https://wlj.xm.gov.cn/notice/1', 'http://example.gov.cn/a')),
  },
  { requiredKeys: ['title', 'date'] },
)
const caseText = (min: number, max: number) => fc.oneof(text(min, max), fc.constantFrom('家长反映可拨打13812345678联系该机构核实。', '根据举报XM20261120-0042现场检查属实。', '该机构晚间超时培训，经查属实，责令整改。'))
const importFiles = ['whitelist-valid.csv', 'whitelist-problems.csv', 'whitelist-gbk.csv'].map((f) => fs.readFileSync(path.join(__dirname, '../fixtures/import', f)).toString('base64'))

const STAFF_RECORD_SHAPES: Record<string, Shape> = {
  'staff.publishCase': (ctx) =>
    fc.record(
      {
        ticketNo: opt(pick(ctx.ticketNos, 'XM20261201-0001')),
        date: aDate,
        entityName: text(2, 20),
        institutionId: opt(pick(ctx.institutionIds, 'x')),
        district: fc.constantFrom(...DISTRICTS),
        category: opt(fc.constantFrom(...CATEGORIES)),
        type: fc.constantFrom(...VIOLATION_TYPES),
        facts: caseText(10, 80),
        outcome: caseText(4, 40),
        notice: aNotice,
        department: opt(fc.constantFrom(...DEPARTMENTS)),
        preview: opt(fc.boolean()),
      },
      { requiredKeys: ['date', 'entityName', 'district', 'type', 'facts', 'outcome', 'notice'] },
    ),
  'staff.setInstitutionStatus': (ctx) =>
    fc.record({ institutionId: pick(ctx.institutionIds, 'x'), status: fc.constantFrom(...INSTITUTION_STATUSES), reason: text(4, 40), notice: aNotice }),
  'staff.importInstitutions': () =>
    fc.record(
      {
        fileName: fc.constantFrom('名单.csv', 'list.xlsx', 'whitelist.CSV'),
        content: fc.oneof(fc.constantFrom(...importFiles), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('base64'))),
        batch: opt(fc.integer({ min: 1, max: 999 })),
        notice: aNotice,
        confirm: opt(fc.boolean()),
      },
      { requiredKeys: ['fileName', 'content', 'notice'] },
    ),
}
Object.assign(SHAPES, STAFF_RECORD_SHAPES)

/** A deep copy that keeps Raw tokens and ABSENT markers as they are. */
function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone)
  if (typeof value === 'object' && value !== null && !(value instanceof Raw)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]))
  return value
}

/** Paths to every value of a plain object, a few levels down (arrays by index). */
function leafPaths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null || value instanceof Raw || prefix.length >= 3) return out
  for (const [k, v] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    if (v === ABSENT || v === undefined) continue
    const path = [...prefix, k]
    out.push(path)
    leafPaths(v, path, out)
  }
  return out
}

function withChange(value: Record<string, unknown>, path: (string | number)[], change: (parent: any, key: string | number) => void): Record<string, unknown> {
  const copy = clone(value) as Record<string, unknown>
  let at: any = copy
  for (const k of path.slice(0, -1)) at = at[k]
  change(at, path.at(-1)!)
  return copy
}

function valueAt(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<any>((at, k) => at?.[k], value)
}

/** Inserts `piece` somewhere into `s`. */
const insertInto = (s: string, piece: fc.Arbitrary<string>) => fc.tuple(fc.nat({ max: s.length }), piece).map(([i, p]) => s.slice(0, i) + p + s.slice(i))

/** A value close to a valid one, wrong in one way (a NUL inside, an impossible date, a string for a number…), or anything odd. */
function twisted(original: unknown): fc.Arbitrary<unknown> {
  const near: fc.Arbitrary<unknown>[] = []
  if (typeof original === 'string') {
    const isDate = /^\d{4}-\d{2}-\d{2}$/.test(original)
    return fc.oneof(
      { weight: 4, arbitrary: insertInto(original, badChar) },
      { weight: isDate ? 6 : 1, arbitrary: fc.constantFrom(...DATE_STRINGS) },
      { weight: 1, arbitrary: fc.constantFrom(...BAD_CURSORS) },
      { weight: 2, arbitrary: fc.constantFrom('', ' ', original.toUpperCase(), ` ${original} `, original + original, original.slice(0, -1)) },
      // Repeated up to about 1 MB: well past the gateway's limit, and short of V8's longest string once a body holds several.
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }).map((n) => original.repeat(Math.max(1, Math.min(n, Math.floor(1_000_000 / Math.max(1, original.length)))))) },
      { weight: 3, arbitrary: oddValue },
    )
  } else if (typeof original === 'number') near.push(oddNumber, fc.constant(String(original)))
  else if (typeof original === 'boolean') near.push(fc.constantFrom('true', 'false', 1, 0, null))
  else if (Array.isArray(original)) near.push(fc.array(oddValue, { maxLength: 12 }), fc.constant([...original, ...original]))
  else if (typeof original === 'object' && original !== null) near.push(fc.constant({}), fc.constant([original]))
  return near.length ? fc.oneof({ weight: 3, arbitrary: fc.oneof(...near) }, { weight: 2, arbitrary: oddValue }) : oddValue
}

/** A valid-shaped input with exactly one thing wrong: a value replaced, a key removed, or one added. */
function brokenShape(shape: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return shape.chain((valid) => {
    const paths = leafPaths(valid)
    const untouched = fc.constant(valid)
    if (!paths.length) return fc.oneof(untouched, fc.tuple(oddKey, oddValue).map(([k, v]) => ({ ...valid, [k]: v })))
    return fc.oneof(
      { weight: 1, arbitrary: untouched },
      { weight: 5, arbitrary: fc.constantFrom(...paths).chain((p) => twisted(valueAt(valid, p)).map((v) => withChange(valid, p, (o, k) => (o[k] = v)))) },
      { weight: 2, arbitrary: fc.constantFrom(...paths).map((p) => withChange(valid, p, (o, k) => (Array.isArray(o) ? o.splice(Number(k), 1) : delete o[k]))) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...paths), oddKey, oddValue).map(([p, k2, v]) => withChange(valid, p, (o, k) => (typeof o[k] === 'object' && o[k] && !Array.isArray(o[k]) ? (o[k][k2] = v) : Array.isArray(o) ? undefined : (o[k2] = v)))) },
    )
  })
}

/** Inputs of any shape at all: random keys (the action's own among them) with odd values. */
function randomInput(keys: string[]): fc.Arbitrary<Record<string, unknown>> {
  const key = keys.length ? fc.oneof(fc.constantFrom(...keys), oddKey) : oddKey
  return fc.dictionary(key, oddValue, { maxKeys: 6 })
}

/** The keys an action's shape uses, so random inputs hit the real fields often. */
function shapeKeys(ctx: FuzzContext, name: string): string[] {
  const shape = SHAPES[name]
  if (!shape) return []
  const keys = new Set<string>()
  for (const s of fc.sample(shape(ctx), { numRuns: 20, seed: 1 })) for (const k of Object.keys(s)) keys.add(k)
  return [...keys]
}

/** Everything sent to one function × action. */
export function caseArbitrary(target: Target, ctx: FuzzContext): fc.Arbitrary<FuzzCase> {
  const name = targetName(target)
  const shape = SHAPES[name]?.(ctx)
  const keys = shapeKeys(ctx, name)
  const event = (input: fc.Arbitrary<Record<string, unknown>>) => input.map((i) => toJsonText({ ...i, action: target.action }))
  const bodies: fc.Arbitrary<string> = fc.oneof(
    { weight: 4, arbitrary: event(randomInput(keys)) },
    { weight: shape ? 10 : 0, arbitrary: shape ? event(brokenShape(shape)) : fc.constant('{}') },
    // The action itself wrong: missing, another type, odd text.
    { weight: 1, arbitrary: fc.tuple(oddValue, randomInput(keys)).map(([action, i]) => toJsonText({ ...i, action })) },
    { weight: 1, arbitrary: randomInput(keys).map((i) => toJsonText(i)) },
    // Not an object at all.
    { weight: 1, arbitrary: oddValue.map((v) => toJsonText(v)) },
  )
  // Most calls come from a citizen, so that inputs get past the login checks to the code behind them.
  // Staff actions mostly come from staff, so that inputs reach the workbench's code rather than its gate.
  const usual: Caller = target.fn === 'staff' ? 'staff-culture' : target.fn === 'supervision' ? 'supervisor' : 'citizen'
  const caller = fc.oneof({ weight: 4, arbitrary: fc.constant<Caller>(usual) }, { weight: 3, arbitrary: fc.constantFrom(...CALLERS) })
  return fc.record({ caller, body: bodies })
}

/** Requests around the functions: bodies that are not JSON, other content types and methods, huge bodies. */
export interface RawRequest {
  path: string
  method: string
  contentType?: string
  body?: Buffer
}

export function rawRequestArbitrary(): fc.Arbitrary<RawRequest> {
  const fnName = fc.oneof(fc.constantFrom(...Object.keys(functions)), fc.constantFrom('nope', 'auth/', 'AUTH', '__proto__', 'constructor'), fc.stringMatching(/^[A-Za-z0-9_-]{1,70}$/))
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
    fc.constantFrom('', 'null', 'true', '1', '"x"', '[]', '{', '{"action":', '{"action":"search",}', "{'action':'search'}", '{"action":"search"}{"action":"get"}', 'NaN', '{"a":1e999999}', '\ufeff{"action":"search"}', '{"action":"search","q":"\\ud800"}', '{"action":"search","q":"\\x00"}').map((s) => Buffer.from(s)),
    fc.constantFrom(Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), Buffer.from('{"action":"search","q":"\xc0\x80"}', 'latin1'), Buffer.from('{"action":"search","q":"\xed\xa0\x80"}', 'latin1')),
    fc.integer({ min: 200_000, max: 600_000 }).map((n) => Buffer.from(`{"action":"search","q":"${'a'.repeat(n)}"}`)),
    fc.string({ maxLength: 100 }).map((s) => Buffer.from(s)),
  )
  return fc.record({
    path: fnName.map((n) => `/api/${n}`),
    method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'PATCH'),
    contentType: fc.option(fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', ''), { nil: undefined }),
    body: fc.option(bytes, { nil: undefined }),
  })
}

// ---------------------------------------------------------------------------------------------
// What every answer must be

const HAN = /[\u4e00-\u9fff]/

/**
 * The contract for any input: the envelope, a status that matches its code, a Chinese message, never `internal`,
 * and `unavailable` only from the targets listed as unconfigured. Returns what is wrong, or undefined.
 */
export function checkAnswer(status: number, text: string, unavailableAllowed: boolean): string | undefined {
  let body: any
  try {
    body = JSON.parse(text)
  } catch {
    return `not JSON (${status}): ${text.slice(0, 200)}`
  }
  if (typeof body !== 'object' || body === null) return `not an envelope: ${text.slice(0, 200)}`
  if (body.ok === true) {
    if (!('data' in body) || Object.keys(body).length !== 2) return `ok envelope without data or with extra keys: ${text.slice(0, 200)}`
    return status === 200 ? undefined : `ok envelope with status ${status}`
  }
  if (body.ok !== false || typeof body.error !== 'object' || body.error === null || Object.keys(body).length !== 2) return `not an envelope: ${text.slice(0, 200)}`
  const { code, message, fields } = body.error as { code: ErrorCode; message: unknown; fields?: unknown }
  if (!ERROR_CODES.includes(code)) return `unknown error code ${String(code)}`
  if (code === 'internal') return `internal error (${status}): ${text.slice(0, 300)}`
  if (code === 'unavailable' && !unavailableAllowed) return `unavailable where the feature is configured: ${text.slice(0, 300)}`
  if (status !== STATUS_OF[code]) return `status ${status} for code ${code} (expected ${STATUS_OF[code]})`
  if (typeof message !== 'string' || !HAN.test(message)) return `message is not Chinese: ${JSON.stringify(message)}`
  if (fields !== undefined) {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return `fields is not an object: ${JSON.stringify(fields)}`
    for (const [k, m] of Object.entries(fields)) if (typeof m !== 'string' || !HAN.test(m)) return `field ${k} message is not Chinese: ${JSON.stringify(m)}`
  }
  return undefined
}
