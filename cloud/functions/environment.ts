// Opens config + database once per process (a WeChat function instance, the gateway) and migrates; buildEnv wires
// everything else from them, for openEnvironment and the test harness alike.
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { readConfig, type Config } from '../config'
import type { Kysely } from 'kysely'
import { openDatabase, type DatabaseHandle } from '../store/db'
import type { PreparedStatements } from '../store/preparedStatements'
import { migrateToLatest } from '../store/migrate'
import type { Database } from '../store/schema'
import type { Env } from './env'
import { SearchIndex } from '../services/search/searchIndex'
import { searchService as remoteSearch } from '../platform/searchService'
import { cachedReferenceData } from '../services/complaints/referenceData'
import { accessToken } from '../platform/wechatToken'
import { localFileStore, type FileStore } from '../platform/fileStore'
import { wechatFileStore } from '../platform/wechatFileStore'
import { contactCipher } from '../platform/contactCipher'
import { fileLink } from '../platform/fileLinks'
import { passThroughChecker, wechatContentChecker } from '../platform/contentCheck'

/** The demo keeps a generated contact key in its data directory; production must configure CONTACT_KEY. */
function contactKeyFor(config: Readonly<Config>): Buffer | undefined {
  if (config.contactKey) return config.contactKey
  if (config.authMode !== 'dev') return undefined
  const file = path.join(config.dataDir, 'contact.key')
  fs.mkdirSync(config.dataDir, { recursive: true })
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' })
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64')
}

/** The demo keeps a generated session secret in its data directory; production must configure SESSION_SECRET. */
function sessionSecretFor(config: Readonly<Config>): string | undefined {
  if (config.sessionSecret) return config.sessionSecret
  if (config.authMode !== 'dev') return undefined
  const file = path.join(config.dataDir, 'session.key')
  fs.mkdirSync(config.dataDir, { recursive: true })
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' })
  return fs.readFileSync(file, 'utf8').trim()
}

/** EVIDENCE_STORE: WeChat cloud storage, or a local directory (`localRoot`, DATA_DIR/files unless a test says otherwise). */
export function evidenceStoreFor(config: Readonly<Config>, wechat: Env['wechat'], localRoot = path.join(config.dataDir, 'files')): FileStore {
  return config.evidenceStore === 'wechat' && wechat && config.wxCloudEnv
    ? wechatFileStore({ apiBase: config.wxApiBase, token: wechat.token, env: config.wxCloudEnv })
    : localFileStore(localRoot)
}

export interface EnvOptions {
  sessionSecret?: string
  contactKey?: Buffer
  /** Root of the local evidence store (DATA_DIR/files unless a test says otherwise). */
  filesRoot?: string
  /** The database handle's prepared reads, on a real server. */
  prepared?: PreparedStatements
  /** Where the search index reports each build (duration, size); the serving process logs them, tests stay quiet. */
  searchLog?: (line: string) => void
  /** Where asking the search service (SEARCH_SERVICE_URL) reports that it did not answer. */
  searchServiceLog?: (line: string) => void
}

/** Everything a call runs with, built once per process and database. */
export function buildEnv(config: Readonly<Config>, db: Kysely<Database>, opts: EnvOptions = {}): Env {
  const { sessionSecret, contactKey } = opts
  const search = config.searchIndex ? new SearchIndex(db, { maxStaleMs: config.searchIndexMaxStaleMs, shards: config.searchIndexShards, firstBuildThreads: config.searchIndexBuildThreads, termCacheRanks: config.searchTermCacheRanks, log: opts.searchLog }) : undefined
  const searchService = config.searchServiceUrl && config.searchServiceSecret
    ? remoteSearch({ url: config.searchServiceUrl, secret: config.searchServiceSecret, timeoutMs: config.searchServiceTimeoutMs, log: opts.searchServiceLog })
    : undefined
  const wechat = config.wxAppId && config.wxSecret ? { token: accessToken({ apiBase: config.wxApiBase, appId: config.wxAppId, secret: config.wxSecret }) } : undefined
  const files = evidenceStoreFor(config, wechat, opts.filesRoot)
  return {
    config,
    db,
    prepared: opts.prepared,
    sessionSecret,
    contactKey,
    cipher: contactKey ? contactCipher(contactKey) : undefined,
    search,
    searchService,
    wechat,
    files,
    // A store that serves its objects hands out its own expiring links; local files go through the gateway's signed ones.
    fileUrls: async (list) => (files.links ? files.links(list) : new Map(list.map((f) => [f.fileId, sessionSecret ? fileLink(sessionSecret, f.fileId) : '']))),
    checker: wechat ? wechatContentChecker({ apiBase: config.wxApiBase, token: wechat.token }) : passThroughChecker,
    reference: cachedReferenceData(db),
  }
}

export async function openEnvironment(config: Readonly<Config> = readConfig()): Promise<Env & { handle: DatabaseHandle }> {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize })
  try {
    await migrateToLatest(handle.db)
  } catch (e) {
    await handle.close()
    throw e
  }
  return { ...buildEnv(config, handle.db, { sessionSecret: sessionSecretFor(config), contactKey: contactKeyFor(config), prepared: handle.prepared, searchLog: (line) => console.error(`[search index] ${line}`), searchServiceLog: (line) => console.error(`[search service] ${line}`) }), handle }
}
