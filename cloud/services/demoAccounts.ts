// The demo's accounts (DESIGN.md): usable only through auth.devLogin, which exists only when AUTH_MODE=dev.
import type { Kysely } from 'kysely'
import type { Department, District, Role } from '../../src/domain/catalog'
import type { SupervisorKind } from '../../src/domain/checklist'
import type { Database } from '../store/schema'

export interface DemoAccount {
  account: string
  name: string
  role: Role
  department?: Department
  district?: District
  supervisorKind?: SupervisorKind
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { account: 'citizen', name: '示例市民（林女士）', role: 'citizen' },
  { account: 'citizen2', name: '示例市民（陈先生）', role: 'citizen' },
  { account: 'supervisor', name: '示例社会监督员', role: 'supervisor', district: 'siming', supervisorKind: 'volunteer' },
  { account: 'staff-culture', name: '市文化和旅游局（示例）', role: 'staff', department: 'culture' },
  { account: 'staff-sports', name: '市体育局（示例）', role: 'staff', department: 'sports' },
  { account: 'staff-science', name: '市科学技术局（示例）', role: 'staff', department: 'science' },
  { account: 'staff-education', name: '市教育局（示例）', role: 'staff', department: 'education' },
  // District level: each sees its department's work in its district only.
  { account: 'staff-culture-siming', name: '思明区文化和旅游局（示例）', role: 'staff', department: 'culture', district: 'siming' },
  { account: 'staff-sports-jimei', name: '集美区体育局（示例）', role: 'staff', department: 'sports', district: 'jimei' },
  { account: 'admin', name: '平台管理员（示例）', role: 'admin' },
]

export async function ensureDemoAccounts(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('accounts')
    .values(
      DEMO_ACCOUNTS.map((a) => ({
        dev_account: a.account,
        name: a.name,
        role: a.role,
        department: a.department ?? null,
        district: a.district ?? null,
        supervisor_kind: a.supervisorKind ?? null,
        openid: null,
        unionid: null,
      })),
    )
    .onConflict((oc) => oc.column('dev_account').doNothing())
    .execute()
}
