// What a reporter does with their tickets, and what the handling staff read: list, view, withdraw, ask for a
// review once, add information, rate. Every change writes an event (insert-only) in the same transaction.
import type { Kysely } from 'kysely'
import type { Account, Page } from '../../../src/domain/api'
import { can, type AccessTarget } from '../../../src/domain/access'
import { ACTION_PERMISSION, EVENT_NOTE_PREFIX, nextComplaintStatus, OPEN_STATUSES, rateVerdict, type ComplaintListItem, type ComplaintView } from '../../../src/domain/complaints'
import { AddInfoSchema, MineSchema, RateSchema, TicketReasonSchema, TicketSchema } from '../../../src/domain/complaintSchemas'
import { AppError } from '../../../src/domain/errors'
import { evidenceLimitProblem } from '../../../src/domain/media'
import type { ContactCipher } from '../../platform/contactCipher'
import type { StoredFile } from '../../platform/fileStore'
import type { Database } from '../../store/schema'
import { type TicketRelated, appendEvent, findTicket, lockTicket, reporterTickets, ticketRelated, updateTicket } from '../../store/complaintRepo'
import type { PreparedStatements } from '../../store/preparedStatements'
import { inTransaction } from '../../store/transaction'
import { parseInput } from '../validate'
import { requireAccount, requireCan } from '../access'
import { pageOf, readCursor } from '../paging'
import { complaintRowToListItem, complaintRowToView, type ComplaintRow } from './view'

export interface TicketDeps {
  cipher?: ContactCipher
  /** Expiring links to evidence for the people allowed to see the ticket; none when not given. */
  fileUrls?: (files: StoredFile[]) => Promise<Map<string, string>>
}

const PAGE = 20

const notFound = () => new AppError('not_found', '没有找到这件举报，或您无权查看')

/** What access rules look at on a ticket. */
export const ticketTarget = (row: ComplaintRow): AccessTarget => ({ department: row.department, district: row.district, reporterId: row.account_id })

/** What the viewer may see beyond the ticket itself. */
export interface ViewerRights {
  /** The reporter's whole phone number (else masked). */
  revealContact: boolean
  /** Other people's similar reports. */
  similar: boolean
}

/** The reporter sees their own ticket as its reporter, even when they work for the handling department. */
const REPORTER: ViewerRights = { revealContact: false, similar: false }
/** Handling staff reading through complaints.get; the workbench reads through staff.complaint. */
const HANDLER: ViewerRights = { revealContact: false, similar: true }

/**
 * The reporter (complaint.own) and whoever handles it (complaint.view) may see a ticket; nobody else learns it
 * exists. `own` says in which capacity the caller acts.
 */
export async function load(db: Kysely<Database>, actor: Account, ticketNo: string, prepared?: PreparedStatements) {
  const row = await findTicket(db, ticketNo, prepared)
  if (!row) throw notFound()
  const target = ticketTarget(row)
  const own = can(actor, 'complaint.own', target)
  if (!own && !can(actor, 'complaint.view', target)) throw notFound()
  // The whole phone number is shown only through staff.revealContact, which is logged.
  const rights: ViewerRights = own ? REPORTER : HANDLER
  return { row, own, rights }
}

/** Reports of the same category about the same institution within this many days either side count as similar. */
export const SIMILAR_WINDOW_DAYS = 30

/**
 * The ticket's page for `rights`, from one read of what belongs to it (cloud/store/complaintRepo.ts
 * `ticketRelated`). `prepared` only outside a transaction; `related` when the caller has read it already.
 */
export async function view(db: Kysely<Database>, deps: TicketDeps, row: ComplaintRow, rights: ViewerRights, o: { prepared?: PreparedStatements; related?: TicketRelated } = {}): Promise<ComplaintView> {
  const { events, evidence, institution, similar } =
    o.related ?? (await ticketRelated(db, row, { similarWindowDays: rights.similar ? SIMILAR_WINDOW_DAYS : undefined, prepared: o.prepared }))
  const fileUrls = deps.fileUrls ? await deps.fileUrls(evidence.map((e) => ({ fileId: e.file_id, sha256: e.sha256, storeRef: e.store_ref }))) : new Map<string, string>()
  const v = complaintRowToView(row, { events, evidence, institution, cipher: deps.cipher, fileUrls, revealContact: rights.revealContact })
  if (similar) v.similar = similar.map((r) => ({ ticketNo: r.ticket_no, status: r.status, submittedAt: new Date(r.created_at).toISOString() }))
  return v
}

export async function mine(db: Kysely<Database>, actor: Account | undefined, input: unknown): Promise<Page<ComplaintListItem>> {
  const a = requireCan(actor, 'complaint.own')
  const { cursor } = parseInput(MineSchema, input)
  const offset = readCursor(cursor)
  const { rows, total } = await reporterTickets(db, a.id, { offset, limit: PAGE })
  return pageOf(rows.map((r) => complaintRowToListItem(r, r.institution_name ?? undefined)), total, offset)
}

/** A ticket's page, read outside any transaction (through `prepared` when the server offers it). */
export async function get(db: Kysely<Database>, deps: TicketDeps, actor: Account | undefined, input: unknown, prepared?: PreparedStatements): Promise<ComplaintView> {
  const { ticketNo } = parseInput(TicketSchema, input)
  const { row, rights } = await load(db, requireAccount(actor), ticketNo, prepared)
  return view(db, deps, row, rights, { prepared })
}

/**
 * The reporter's own steps on their ticket (撤回, 申请复核) through the status machine, recorded in the caller's
 * transaction when given one. The department's steps go through the workbench (cloud/services/staff/handling.ts).
 */
export async function act(db: Kysely<Database>, deps: TicketDeps, actor: Account | undefined, action: 'withdraw' | 'review', ticketNo: string, note: string | null): Promise<ComplaintView> {
  const a = requireAccount(actor)
  return inTransaction(db, async (trx) => {
    const { row, own, rights } = await load(trx, a, ticketNo)
    if (!own) throw new AppError('forbidden', '这是举报人的操作')
    const fresh = await lockTicket(trx, row.id)
    requireCan(a, ACTION_PERMISSION[action], ticketTarget(fresh))
    const verdict = nextComplaintStatus(fresh.status, action, fresh.reviewed)
    if (!verdict.ok) throw new AppError('conflict', verdict.message)
    const updated = await updateTicket(trx, row.id, { status: verdict.next, ...(action === 'review' ? { reviewed: true } : {}) })
    // The reporter is told about what the department did, not about their own actions: no notice here.
    await appendEvent(trx, { complaintId: row.id, status: verdict.next, note, by: 'reporter', actorId: a.id })
    return view(trx, deps, updated, rights)
  })
}

export async function withdraw(db: Kysely<Database>, deps: TicketDeps, actor: Account | undefined, input: unknown) {
  const { ticketNo, reason } = parseInput(TicketReasonSchema, input)
  return act(db, deps, actor, 'withdraw', ticketNo, reason)
}

export async function review(db: Kysely<Database>, deps: TicketDeps, actor: Account | undefined, input: unknown) {
  const { ticketNo, reason } = parseInput(TicketReasonSchema, input)
  return act(db, deps, actor, 'review', ticketNo, reason)
}

export async function addInfo(db: Kysely<Database>, deps: TicketDeps, actor: Account | undefined, input: unknown) {
  const i = parseInput(AddInfoSchema, input)
  const a = requireAccount(actor)
  return inTransaction(db, async (trx) => {
    const { row, own } = await load(trx, a, i.ticketNo)
    if (!own) throw new AppError('forbidden', '只有举报人可以补充材料')
    // Locked and read again, so a withdrawal arriving at the same moment cannot slip between check and write.
    const fresh = await lockTicket(trx, row.id)
    if (!OPEN_STATUSES.includes(fresh.status)) throw new AppError('conflict', '举报办理结束后不能再补充材料')
    const files = [...new Set(i.evidence ?? [])]
    if (files.length) {
      const owned = await trx.selectFrom('files').select(['id', 'mime']).where('id', 'in', files).where('owner_account_id', '=', a.id).execute()
      if (owned.length !== files.length) throw new AppError('invalid_input', '有证据文件不存在或不属于您，请重新上传', { evidence: '有证据文件不存在或不属于您' })
      // Read under the ticket's lock, so two additions sent at once are judged one after the other.
      const attached = await trx
        .selectFrom('complaint_evidence as e')
        .innerJoin('files as f', 'f.id', 'e.file_id')
        .select(['f.id', 'f.mime'])
        .where('e.complaint_id', '=', row.id)
        .execute()
      const already = new Set(attached.map((f) => f.id))
      // A file already attached is not added twice (the insert below skips it), so it is not counted twice either.
      const problem = evidenceLimitProblem(attached.map((f) => f.mime), owned.filter((f) => !already.has(f.id)).map((f) => f.mime))
      if (problem) throw new AppError('invalid_input', problem, { evidence: problem })
      await trx.insertInto('complaint_evidence').values(files.map((file_id) => ({ complaint_id: row.id, file_id }))).onConflict((oc) => oc.doNothing()).execute()
    }
    // Asked for more (待补充材料), the reporter's addition puts the ticket back in the department's hands.
    const answers = nextComplaintStatus(fresh.status, 'supplyInfo')
    const updated = answers.ok ? await updateTicket(trx, row.id, { status: answers.next }) : fresh
    await appendEvent(trx, { complaintId: row.id, status: updated.status, note: addedNote(i.note, files.length), by: 'reporter', actorId: a.id })
    return view(trx, deps, updated, REPORTER)
  })
}

/** The timeline's words for an addition: the note as written, and how many files came with it. */
function addedNote(note: string | undefined, files: number): string {
  if (!note) return `${EVENT_NOTE_PREFIX.evidence} ${files} 份`
  return files ? `${EVENT_NOTE_PREFIX.info}${note}（另附证据 ${files} 份）` : `${EVENT_NOTE_PREFIX.info}${note}`
}

export async function rate(db: Kysely<Database>, deps: TicketDeps, actor: Account | undefined, input: unknown) {
  const i = parseInput(RateSchema, input)
  const a = requireAccount(actor)
  return inTransaction(db, async (trx) => {
    const { row, own } = await load(trx, a, i.ticketNo)
    if (!own) throw new AppError('forbidden', '只有举报人可以评价')
    // Locked and read again, so two ratings sent at once cannot both pass the once-only check.
    const fresh = await lockTicket(trx, row.id)
    const verdict = rateVerdict(fresh.status, fresh.rating !== null)
    if (!verdict.ok) throw new AppError('conflict', verdict.message)
    const updated = await updateTicket(trx, row.id, { rating: i.rating, rating_comment: i.comment ?? null })
    await appendEvent(trx, { complaintId: row.id, status: fresh.status, note: `${EVENT_NOTE_PREFIX.rating}${i.rating} 星${i.comment ? `，${i.comment}` : ''}`, by: 'reporter', actorId: a.id })
    return view(trx, deps, updated, REPORTER)
  })
}
