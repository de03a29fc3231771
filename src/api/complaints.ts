import type { Page } from '@/domain/api'
import type { ComplaintListItem, ComplaintReceipt, ComplaintSubmitInput, ComplaintView } from '@/domain/complaints'
import { callFunction, type Result } from './transport'

/** Idempotent by `requestId`: after a lost answer, send the same input again and the same ticket comes back. */
export function submit(input: ComplaintSubmitInput): Promise<Result<ComplaintReceipt>> {
  return callFunction('complaints', 'submit', input)
}

export function mine(cursor?: string): Promise<Result<Page<ComplaintListItem>>> {
  return callFunction('complaints', 'mine', cursor ? { cursor } : {})
}

export function get(ticketNo: string): Promise<Result<ComplaintView>> {
  return callFunction('complaints', 'get', { ticketNo })
}

export function withdraw(ticketNo: string, reason: string): Promise<Result<ComplaintView>> {
  return callFunction('complaints', 'withdraw', { ticketNo, reason })
}

/** 申请复核: once per ticket, after an answer. */
export function review(ticketNo: string, reason: string): Promise<Result<ComplaintView>> {
  return callFunction('complaints', 'review', { ticketNo, reason })
}

/** 补充材料 while the ticket is open: a note, more evidence (fileIds), or both. */
export function addInfo(ticketNo: string, input: { note?: string; evidence?: string[] }): Promise<Result<ComplaintView>> {
  return callFunction('complaints', 'addInfo', { ticketNo, ...input })
}

export function rate(ticketNo: string, rating: number, comment?: string): Promise<Result<ComplaintView>> {
  return callFunction('complaints', 'rate', comment ? { ticketNo, rating, comment } : { ticketNo, rating })
}
