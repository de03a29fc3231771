// Delivers due outbox rows. Each row is claimed under a row lock (SKIP LOCKED), so several senders never send one
// notice twice; failures back off and give up after a few tries without touching the complaint.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../store/schema'
import type { SubscribeSender } from '../../platform/subscribeMessage'

/** Seconds to wait after the n-th failed attempt. */
export const BACKOFF_SECONDS = [60, 300, 1800, 7200, 43200]
export const MAX_ATTEMPTS = BACKOFF_SECONDS.length + 1

export interface DeliveryReport {
  sent: number
  skipped: number
  retried: number
  failed: number
}

export async function deliverDue(db: Kysely<Database>, sender: SubscribeSender, templateId: string, now = new Date(), batch = 50): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, skipped: 0, retried: 0, failed: 0 }
  await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('notification_outbox as o')
      .innerJoin('accounts as a', 'a.id', 'o.account_id')
      .select(['o.id', 'o.payload', 'o.attempts', 'o.complaint_id', 'a.openid'])
      .where('o.state', '=', 'pending')
      .where('o.next_attempt_at', '<=', now)
      .orderBy('o.id')
      .limit(batch)
      .forUpdate()
      .modifyEnd(sql`SKIP LOCKED`)
      .execute()
    for (const row of due) {
      if (!row.openid) {
        await trx.updateTable('notification_outbox').set({ state: 'skipped', last_error: 'account has no WeChat openid' }).where('id', '=', row.id).execute()
        report.skipped++
        continue
      }
      const p = row.payload
      const outcome = await sender.send({
        touser: row.openid,
        templateId,
        page: `packages/report/detail?ticketNo=${p.ticketNo}`,
        // Template fields (configure the template with these keys): 举报编号, 办理状态, 处理部门, 备注.
        data: { character_string1: { value: p.ticketNo }, phrase2: { value: p.statusLabel }, thing3: { value: p.department.slice(0, 20) }, thing4: { value: p.note ?? '点击查看详情' } },
      })
      const attempts = row.attempts + 1
      if (outcome.kind === 'sent') {
        await trx.updateTable('notification_outbox').set({ state: 'sent', attempts, sent_at: now, last_error: null }).where('id', '=', row.id).execute()
        report.sent++
      } else if (outcome.kind === 'refused') {
        await trx.updateTable('notification_outbox').set({ state: 'skipped', attempts, last_error: outcome.reason }).where('id', '=', row.id).execute()
        report.skipped++
      } else if (attempts >= MAX_ATTEMPTS) {
        await trx.updateTable('notification_outbox').set({ state: 'failed', attempts, last_error: outcome.reason }).where('id', '=', row.id).execute()
        report.failed++
      } else {
        const next = new Date(now.getTime() + BACKOFF_SECONDS[attempts - 1] * 1000)
        await trx.updateTable('notification_outbox').set({ attempts, next_attempt_at: next, last_error: outcome.reason }).where('id', '=', row.id).execute()
        report.retried++
      }
    }
  })
  return report
}
