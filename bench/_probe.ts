import { openDatabase } from '../cloud/store/db'
import { inbox } from '../cloud/services/staff/inbox'
import { cachedReferenceData } from '../cloud/services/complaints/referenceData'
import { COMPLAINT_STATUSES, COMPLAINT_CATEGORIES } from '../src/domain/complaints'
async function main() {
  const h = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/yg_bench_inbox', dataDir: '/tmp/x', poolSize: 4 })
  const ref = cachedReferenceData(h.db)
  const accts: any[] = await h.db.selectFrom('accounts').select(['id', 'role', 'department', 'district', 'name', 'dev_account']).where('dev_account', 'in', ['staff-culture-siming', 'staff-culture', 'admin']).execute()
  for (const a0 of accts) {
    const a = { id: a0.id, role: a0.role, name: a0.name, ...(a0.department ? { department: a0.department } : {}), ...(a0.district ? { district: a0.district } : {}) }
    const evs: any[] = [{}, { overdue: true }, ...COMPLAINT_STATUSES.map((status) => ({ status })), { category: 'safety' }, { district: 'huli' }, { q: '舞蹈' }, { q: 'XM2026' }, { q: '编程' }]
    for (const e of evs) {
      await inbox(h.db, ref, a, e)
      const t0 = performance.now()
      for (let k = 0; k < 5; k++) await inbox(h.db, ref, a, e)
      console.log(a0.dev_account.padEnd(22), JSON.stringify(e).padEnd(30), ((performance.now() - t0) / 5).toFixed(1), 'ms')
    }
  }
  await h.close()
}
main()
