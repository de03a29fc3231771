// Row types: what the tables hold. Domain types live in src/domain; map between them explicitly.
import type { ColumnType, Generated } from 'kysely'
import type { Category, Department, District, InstitutionStatus, Role } from '../../src/domain/catalog'
import type { ArticleTopic, Block, ViolationType } from '../../src/domain/content'
import type { ChecklistItem, SupervisorKind } from '../../src/domain/checklist'
import type { CheckResult } from '../../src/domain/observations'
import type { ComplaintCategory, ComplaintPlace, ComplaintStatus, PrepaidDetails } from '../../src/domain/complaints'

type Timestamp = ColumnType<Date, Date | string | undefined, never>
/** A timestamp that updates may set (e.g. updated_at); insert defaults to now(). */
type TouchedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>
/** `date` columns come back as YYYY-MM-DD strings (the pg type parser is set so in db.ts). */
type DateColumn = ColumnType<string, string, string>

export interface AccountTable {
  id: Generated<string>
  openid: string | null
  unionid: string | null
  dev_account: string | null
  role: Role
  department: Department | null
  district: District | null
  name: string
  /** Supervisors only: 督学, 校培专员 or 社会监督员 (migration 011). */
  supervisor_kind: ColumnType<SupervisorKind | null, SupervisorKind | null | undefined, SupervisorKind | null>
  created_at: Timestamp
}

export interface BatchTable {
  no: number
  date: DateColumn
  title: string
  /** The notice's title (kept beside notice_id for older readers). */
  notice: string
  notice_id: ColumnType<string | null, string | null | undefined, string | null>
}

/** A published notice, known by its title and date (migration 009). */
export interface NoticeTable {
  id: Generated<string>
  title: string
  issuer: ColumnType<string, string | undefined, string>
  date: DateColumn
  doc_no: string | null
  url: string | null
  created_at: Timestamp
}

export interface InstitutionTable {
  id: Generated<string>
  name: string
  name_pinyin: string
  name_initials: string
  /** Every 1- and 2-character slice of the lower-cased name: answers short Chinese terms through a GIN index. */
  name_grams: string[]
  uscc: string
  license_no: string
  category: Category
  district: District
  status: InstitutionStatus
  status_as_of: DateColumn
  scope: string
  address: string
  lat: number
  lng: number
  phone: string
  escrow_bank: string | null
  escrow_account_name: string | null
  batch_no: number | null
  blacklist_reason: string | null
  blacklist_date: DateColumn | null
  blacklist_notice: string | null
  blacklist_notice_id: ColumnType<string | null, string | null | undefined, string | null>
  created_at: Timestamp
  updated_at: TouchedTimestamp
}

export interface InstitutionSiteTable {
  id: Generated<number>
  institution_id: string
  ord: number
  address: string
  district: District
  lat: number
  lng: number
}

/** Insert-only: a trigger refuses UPDATE and DELETE. */
export interface InstitutionStatusHistoryTable {
  id: Generated<string>
  institution_id: string
  status: InstitutionStatus
  at: DateColumn
  notice: string | null
  notice_id: ColumnType<string | null, string | null | undefined, never>
  note: string | null
  source: string
  recorded_at: Timestamp
}

export interface FileTable {
  id: Generated<string>
  sha256: string
  size: number
  mime: 'image/jpeg' | 'image/png' | 'image/webp' | 'video/mp4'
  owner_account_id: string
  /** Null for the local store; a WeChat cloud fileID for the cloud store. */
  store_ref: ColumnType<string | null, string | null | undefined, string | null>
  created_at: Timestamp
}

export interface ChangeCounterTable {
  name: string
  value: number
}

/** One row: this database's own name (migration 032), which a saved search index must carry to be loaded. */
export interface DatabaseIdentityTable {
  id: string
  created_at: Generated<Date>
}

/** Ids each statement on institutions touched, under the change counter's value it got (migration 015). */
export interface InstitutionChangeTable {
  version: number
  /** Null: a TRUNCATE, every institution changed. */
  institution_id: string | null
  at: ColumnType<Date, never, never>
}

/** How many institutions each district × category × status holds, kept by the change trigger (migration 017). */
export interface InstitutionCountTable {
  district: District
  category: Category
  status: InstitutionStatus
  n: number
}

/** How many institutions' names hold each gram of one or two characters (lower-cased, as in name_grams), kept by
 *  triggers (migrations 018, 019). */
export interface NameGramCountTable {
  gram: string
  n: number
}

/** How many names hold each gram per district × category × status (migration 026). */
export interface NameGramFilterCountTable {
  gram: string
  district: string
  category: string
  status: string
  n: number
}

/** A gram's first names in list order (migration 019). */
export interface NameGramHeadTable {
  gram: string
  rank: number
  len: number
  name: string
  id: string
  /** Carried beside the key: what a page lists, and the position (migration 028). */
  status: string
  category: string
  district: string
  address: string
  uscc: string
  lat: number
  lng: number
}

export interface ArticleTable {
  slug: string
  title: string
  topic: ArticleTopic
  summary: string
  /** jsonb: write JSON.stringify'd (pg turns JS arrays into Postgres arrays otherwise). */
  sources: ColumnType<string[], string, string>
  updated: DateColumn
  blocks: ColumnType<Block[], string, string>
  search_text: string
  content_hash: string
  loaded_at: TouchedTimestamp
}

export interface ViolationCaseTable {
  id: Generated<string>
  date: DateColumn
  entity_name: string
  institution_id: string | null
  district: District
  category: Category | null
  type: ViolationType
  facts: string
  outcome: string
  department: string
  notice: string
  notice_id: ColumnType<string | null, string | null | undefined, string | null>
  /** Private (migration 011): never in a public answer. */
  source_complaint_id: ColumnType<string | null, string | null | undefined, never>
  published_by: ColumnType<string | null, string | null | undefined, never>
  created_at: Timestamp
}

export interface ComplaintTable {
  id: Generated<string>
  ticket_no: string
  account_id: string
  request_id: string
  payload_hash: string
  category: ComplaintCategory
  institution_id: string | null
  place: ColumnType<ComplaintPlace | null, string | null, string | null>
  district: District | null
  description: string
  happened_on: DateColumn
  details: ColumnType<PrepaidDetails | null, string | null, string | null>
  anonymous: boolean
  contact_name_enc: string | null
  contact_phone_enc: string | null
  contact_purged_at: Date | null
  subscribe: boolean
  department: Department
  department_name: string
  co_handlers: string[]
  status: ComplaintStatus
  reviewed: Generated<boolean>
  rating: number | null
  rating_comment: string | null
  reply: string | null
  accept_due: DateColumn
  reply_due: DateColumn
  /** The field visit this report was escalated from (migration 012). */
  observation_id: ColumnType<string | null, string | null | undefined, string | null>
  /** Generated (migration 011): accept_due while 已提交, else reply_due. */
  due_on: ColumnType<string, never, never>
  /** Generated: the status is in the open group. */
  is_open: ColumnType<boolean, never, never>
  created_at: Timestamp
  updated_at: TouchedTimestamp
}

/** Insert-only, like every history. */
export interface ComplaintEventTable {
  id: Generated<string>
  complaint_id: string
  status: ComplaintStatus
  note: string | null
  by_role: 'reporter' | 'staff' | 'system'
  actor_account_id: string | null
  /** The department's own note (migration 011): never in the reporter's view. */
  internal_note: ColumnType<string | null, string | null | undefined, never>
  at: Timestamp
}

/** Insert-only (migration 011): every staff action. */
export interface AuditLogTable {
  id: Generated<string>
  at: Timestamp
  actor_account_id: string
  actor_role: Role
  action: string
  target_type: string
  target_id: string | null
  detail: ColumnType<Record<string, unknown>, string | undefined, never>
}

export interface SupervisorInvitationTable {
  code: string
  district: District
  kind: SupervisorKind
  created_by: string
  created_at: Timestamp
  expires_at: ColumnType<Date, Date | string, never>
  used_by: string | null
  used_at: Date | null
}

export interface CampaignTable {
  id: Generated<string>
  name: string
  starts_on: DateColumn
  ends_on: DateColumn
  districts: District[]
  focus: ChecklistItem[]
  created_by: string
  created_at: Timestamp
  updated_at: TouchedTimestamp
}

export interface ComplaintEvidenceTable {
  complaint_id: string
  file_id: string
  added_at: Timestamp
}

export interface NotificationOutboxTable {
  id: Generated<string>
  complaint_id: string
  account_id: string
  status_after: ComplaintStatus
  payload: ColumnType<{ ticketNo: string; statusLabel: string; department: string; note?: string }, string, string>
  state: Generated<'pending' | 'sent' | 'failed' | 'skipped'>
  attempts: Generated<number>
  next_attempt_at: TouchedTimestamp
  last_error: string | null
  created_at: Timestamp
  sent_at: Date | null
}

/** One row per account, kind and Xiamen day (migration 008): how much of a daily limit is used. */
export interface DailyCountTable {
  account_id: string
  kind: 'complaint' | 'upload'
  day: DateColumn
  used: number
  cap: number
}

/** Kept by a trigger (migration 011): tickets per department, district ('' = city level) and status. */
export interface ComplaintCountTable {
  department: Department
  district: District | ''
  category: ComplaintCategory
  status: ComplaintStatus
  n: number
}

/** Supervisors' field visits (migration 012). */
export interface ObservationTable {
  id: Generated<string>
  supervisor_id: string
  request_id: string
  payload_hash: string
  institution_id: string
  district: District
  department: Department
  campaign_id: string | null
  visited_at: ColumnType<Date, Date | string, never>
  received_at: Timestamp
  lat: number
  lng: number
  accuracy_m: number
  distance_m: number
  flagged: boolean
  reason: string | null
  checklist: ColumnType<Partial<Record<ChecklistItem, CheckResult>>, string, never>
  item_notes: ColumnType<Partial<Record<ChecklistItem, string>>, string | undefined, never>
  failed: ChecklistItem[]
  notes: string | null
  signature_file_id: string | null
  signature_refused: boolean
  complaint_id: string | null
}

export interface Database {
  observations: ObservationTable
  observation_evidence: { observation_id: string; file_id: string }
  complaint_counts: ComplaintCountTable
  audit_log: AuditLogTable
  supervisor_invitations: SupervisorInvitationTable
  campaigns: CampaignTable
  daily_counts: DailyCountTable
  notification_outbox: NotificationOutboxTable
  complaints: ComplaintTable
  complaint_events: ComplaintEventTable
  complaint_evidence: ComplaintEvidenceTable
  routing_leads: { subject: string; lead: string }
  routing_co_handlers: { category: ComplaintCategory; co_handlers: string[] }
  holidays: { date: DateColumn; kind: 'holiday' | 'workday'; name: string }

  articles: ArticleTable
  violation_cases: ViolationCaseTable
  change_counters: ChangeCounterTable
  database_identity: DatabaseIdentityTable
  institution_changes: InstitutionChangeTable
  institution_counts: InstitutionCountTable
  name_gram_counts: NameGramCountTable
  name_gram_filter_counts: NameGramFilterCountTable
  name_gram_heads: NameGramHeadTable
  files: FileTable
  accounts: AccountTable
  batches: BatchTable
  notices: NoticeTable
  institutions: InstitutionTable
  institution_sites: InstitutionSiteTable
  institution_status_history: InstitutionStatusHistoryTable
}
