// The reporter's (and handling staff's) view of a ticket, built field by field. The contact is masked; nothing
// here is ever part of a public answer (content.*, institutions.*), which are built from their own whitelists.
import type { Selectable } from 'kysely'
import { maskPhone, type ComplaintListItem, type ComplaintView } from '../../../src/domain/complaints'
import type { ContactCipher } from '../../platform/contactCipher'
import type { ComplaintEventTable, ComplaintTable } from '../../store/schema'

export type ComplaintRow = Selectable<ComplaintTable>

export function complaintRowToView(
  row: ComplaintRow,
  related: {
    events: Selectable<ComplaintEventTable>[]
    evidence: { file_id: string; sha256: string; mime: string; size: number }[]
    /** Expiring links by file id; a file without one is listed without a link. */
    fileUrls: Map<string, string>
    institution?: { id: string; name: string }
    cipher?: ContactCipher
    /** Handling staff get the whole phone number to call back (complaint.revealContact); the reporter a masked one. */
    revealContact: boolean
  },
): ComplaintView {
  const view: ComplaintView = {
    ticketNo: row.ticket_no,
    status: row.status,
    category: row.category,
    description: row.description,
    happenedOn: row.happened_on,
    evidence: related.evidence.map((e) => ({ fileId: e.file_id, sha256: e.sha256, mime: e.mime, size: Number(e.size), url: related.fileUrls.get(e.file_id) ?? '' })),
    department: row.department_name,
    acceptDueAt: row.accept_due,
    dueAt: row.reply_due,
    reviewed: row.reviewed,
    timeline: related.events.map((e) => ({ at: new Date(e.at).toISOString(), status: e.status, by: e.by_role, ...(e.note ? { note: e.note } : {}) })),
  }
  if (related.institution) view.institution = related.institution
  if (row.place) view.place = row.place
  if (row.details) view.details = row.details
  if (row.rating) view.rating = row.rating
  if (row.reply) view.reply = row.reply
  if (!row.anonymous && row.contact_name_enc && row.contact_phone_enc && related.cipher) {
    const phone = related.cipher.open(row.contact_phone_enc)
    view.contact = { name: related.cipher.open(row.contact_name_enc), phone: related.revealContact ? phone : maskPhone(phone) }
  }
  return view
}

export function complaintRowToListItem(row: ComplaintRow, institutionName?: string): ComplaintListItem {
  return {
    ticketNo: row.ticket_no,
    status: row.status,
    category: row.category,
    subject: institutionName ?? row.place?.name ?? '',
    submittedAt: new Date(row.created_at).toISOString(),
    dueAt: row.reply_due,
  }
}
