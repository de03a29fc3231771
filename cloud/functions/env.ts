// What every function call runs with, built once per process (a WeChat function instance, the gateway, a test) by
// buildEnv: the database, the configuration, and the pieces wired from them — the contact cipher, the content
// checker, the routing/calendar copy, evidence links. Entries read them from here; none builds its own.
import type { Kysely } from 'kysely'
import type { Config } from '../config'
import type { Database } from '../store/schema'
import type { SearchIndex } from '../services/search/searchIndex'
import type { SearchService } from '../platform/searchService'
import type { ReferenceSource } from '../services/complaints/referenceData'
import type { AccessToken } from '../platform/wechatToken'
import type { FileStore, StoredFile } from '../platform/fileStore'
import type { ContactCipher } from '../platform/contactCipher'
import type { ContentChecker } from '../platform/contentCheck'
import type { PreparedStatements } from '../store/preparedStatements'

export interface Env {
  config: Readonly<Config>
  db: Kysely<Database>
  /** A real server only: hot reads parsed and planned once per connection (the inbox's pages). */
  prepared?: PreparedStatements
  sessionSecret?: string
  /** This process's in-memory search index, when enabled. */
  search?: SearchIndex
  /** Another process's index (SEARCH_SERVICE_URL), asked when this one has none serving: a function instance's. */
  searchService?: SearchService
  /** Key for reporters' contact details; complaints with contacts are refused without it. */
  contactKey?: Buffer
  /** Seals and opens reporters' contact details (from contactKey). */
  cipher?: ContactCipher
  /** Where evidence files are kept (content-addressed); the gateway and files.register share it. */
  files: FileStore
  /** Expiring links to evidence files, for the people allowed to see them. */
  fileUrls: (files: StoredFile[]) => Promise<Map<string, string>>
  /** Screens what people write before it is stored (WeChat's msgSecCheck when configured). */
  checker: ContentChecker
  /** The routing tables and holiday calendar, re-read at most once a minute. */
  reference: ReferenceSource
  /** WeChat server APIs, when WX_APPID and WX_SECRET are configured. */
  wechat?: { token: AccessToken }
}
