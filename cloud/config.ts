// Typed configuration, read once from the environment, frozen, failing fast with the variable's name.
import { DEFAULT_GEOFENCE_M, DEFAULT_MAX_ACCURACY_M } from '../src/domain/observations'
import path from 'node:path'

export type AuthMode = 'dev' | 'wechat'

export interface Config {
  port: number
  host: string
  dataDir: string
  /** When set, a real PostgreSQL server; otherwise PGlite embedded in dataDir. */
  databaseUrl?: string
  /**
   * Connections this process keeps to PostgreSQL. More than the server's cores can run at once only make its backends
   * take turns (on this 2-core machine 6, 10 and 20 answered the inbox bench alike, within its run-to-run spread).
   */
  databasePoolSize: number
  /**
   * Gateway processes sharing the port (node:cluster), so a second core serves requests too. Only with DATABASE_URL:
   * PGlite has no lock and two processes on one data directory lose writes.
   */
  gatewayProcesses: number
  authMode: AuthMode
  /** HMAC key for gateway session tokens; the demo keeps a generated one in dataDir. */
  sessionSecret?: string
  sessionTtlHours: number
  wxAppId?: string
  wxSecret?: string
  /** Base URL of WeChat's API, configurable so tests can point at a fake that follows its contract. */
  wxApiBase: string
  /** WeChat cloud environment id whose storage the mini-program uploads evidence to (files.register). */
  wxCloudEnv?: string
  /** Where evidence is kept: `local` (DATA_DIR/files, served by the gateway) or `wechat` (WeChat cloud storage). */
  evidenceStore: 'local' | 'wechat'
  /** DEMO_DATABASE=true: the operator says this database and server are a demo, so AUTH_MODE=dev may use them. */
  demoDatabase: boolean
  /** Load the fictional sample data into an empty database (the demo). */
  sampleData: boolean
  /** Directory of the H5 build served at `/`. */
  webRoot: string
  /** The articles (Markdown with front matter) loaded into the database at start. */
  articlesDir: string
  /** The holiday calendar, one YAML file per year (content/calendar), loaded at start and by `npm run content`. */
  calendarDir: string
  /** Serve search from an in-memory index per process (SQL stays the fallback). */
  searchIndex: boolean
  /** How stale the index may be before a search checks the database's change counter again. */
  searchIndexMaxStaleMs: number
  /** Parts the index is split into by id (shardedIndex.ts): a rebuild holds one part twice instead of the whole index,
   *  for about twice the index’s CPU per search (bench/ANALYSIS.md §11). 1: whole; 'auto': by the number of
   *  institutions at each full build (shardedIndex.autoShards). */
  searchIndexShards: number | 'auto'
  /** Shards built at once, each in a worker thread, while no index serves yet (the first build after start). */
  searchIndexBuildThreads: number
  /** A gateway on PostgreSQL saves each shard it builds under DATA_DIR/search-index and, on its next start, loads
   *  them instead of building (cloud/services/search/savedShard.ts). About the index's size on disk. */
  searchIndexSave: boolean
  /** Matched ranks the index's per-term cache may hold (0 turns the cache off). */
  searchTermCacheRanks: number
  /** A process that holds no index of its own (a cloud-function instance) asks this gateway's index first
   *  (POST /internal/search), and answers from SQL when it does not answer in time or is not serving yet. */
  searchServiceUrl?: string
  /** Shared by the gateway that serves /internal/search (the route exists only when it is set) and its callers. */
  searchServiceSecret?: string
  /** How long a search waits for the search service before it answers from SQL instead. */
  searchServiceTimeoutMs: number
  /** AES-256 key (32 bytes) for reporters' contact details; the demo keeps a generated one in dataDir. */
  contactKey?: Buffer
  /** Working days to accept and to reply to a complaint. */
  complaintAcceptDays: number
  complaintReplyDays: number
  /** Subscribe-message template for complaint status changes; with WX_APPID/WX_SECRET it turns the sender on. */
  wxSubscribeTemplateId?: string
  wxMiniprogramState: 'formal' | 'trial' | 'developer'
  /** Days a closed ticket keeps the reporter's contact details before `npm run purge` removes them. */
  contactRetentionDays: number
  /** Per account and day. */
  complaintDailyLimit: number
  uploadDailyLimit: number
  /** A supervisor's check-in: the worst GPS accuracy accepted, and the distance from the site beyond which it is flagged. */
  supervisionMaxAccuracyM: number
  supervisionGeofenceM: number
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`)
  return n
}

/** A count, or 'auto' (also when unset): the program decides. */
function intOrAuto(env: Env, name: string, min: number, max: number): number | 'auto' {
  const raw = env[name]
  if (raw === undefined || raw === '' || raw === 'auto') return 'auto'
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be auto or an integer from ${min} to ${max}, got "${raw}"`)
  return n
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'yes'].includes(raw)) return true
  if (['0', 'false', 'no'].includes(raw)) return false
  throw new ConfigError(`${name} must be true or false, got "${raw}"`)
}

function miniprogramState(raw: string | undefined): Config['wxMiniprogramState'] {
  if (!raw) return 'formal'
  if (raw === 'formal' || raw === 'trial' || raw === 'developer') return raw
  throw new ConfigError(`WX_MINIPROGRAM_STATE must be formal, trial or developer, got "${raw}"`)
}

function searchServiceUrl(raw: string | undefined, secret: string | undefined): string | undefined {
  if (!raw) return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(`SEARCH_SERVICE_URL must be an http:// or https:// URL, got "${raw}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`SEARCH_SERVICE_URL must be an http:// or https:// URL, got "${raw}"`)
  if (!secret) throw new ConfigError('SEARCH_SERVICE_URL needs SEARCH_SERVICE_SECRET (the one the search service was started with)')
  return url.origin + url.pathname.replace(/\/$/, '')
}

function contactKey(raw: string | undefined): Buffer | undefined {
  if (!raw) return undefined
  const key = Buffer.from(raw, 'base64')
  if (key.length !== 32) throw new ConfigError('CONTACT_KEY must be 32 bytes, base64-encoded (e.g. openssl rand -base64 32)')
  return key
}

/** 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1')
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h)
}

/**
 * AUTH_MODE=dev writes demo accounts (among them `admin`) into the database and lets anyone sign in as them. That is
 * the demo on one's own machine: PGlite in DATA_DIR, served on loopback. A real PostgreSQL server or a reachable
 * address may be production, so dev mode there needs DEMO_DATABASE=true, said on purpose.
 */
function checkDemoScope(authMode: AuthMode, host: string, databaseUrl: string | undefined, demoDatabase: boolean): void {
  if (authMode !== 'dev' || demoDatabase) return
  const reasons: string[] = []
  if (databaseUrl) reasons.push('DATABASE_URL is set')
  if (!isLoopbackHost(host)) reasons.push(`HOST=${host} is not a loopback address`)
  if (!reasons.length) return
  throw new ConfigError(
    `AUTH_MODE=dev (the demo: anyone may sign in as the demo admin) refuses to run because ${reasons.join(' and ')}. ` +
      'For production set AUTH_MODE=wechat; if this database and server really are a demo, set DEMO_DATABASE=true.',
  )
}

export function readConfig(env: Env = process.env): Readonly<Config> {
  const authMode = (env.AUTH_MODE || 'wechat') as AuthMode
  if (authMode !== 'dev' && authMode !== 'wechat') throw new ConfigError(`AUTH_MODE must be "dev" or "wechat", got "${env.AUTH_MODE}"`)
  const databaseUrl = env.DATABASE_URL || undefined
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL must be a postgres:// URL')
  const sessionSecret = env.SESSION_SECRET || undefined
  if (sessionSecret && sessionSecret.length < 32) throw new ConfigError('SESSION_SECRET must be at least 32 characters')
  const evidenceStore = env.EVIDENCE_STORE || 'local'
  if (evidenceStore !== 'local' && evidenceStore !== 'wechat') throw new ConfigError(`EVIDENCE_STORE must be "local" or "wechat", got "${evidenceStore}"`)
  if (evidenceStore === 'wechat' && !(env.WX_APPID && env.WX_SECRET && env.WX_CLOUD_ENV)) {
    throw new ConfigError('EVIDENCE_STORE=wechat needs WX_APPID, WX_SECRET and WX_CLOUD_ENV')
  }
  const searchServiceSecret = env.SEARCH_SERVICE_SECRET || undefined
  if (searchServiceSecret && searchServiceSecret.length < 32) throw new ConfigError('SEARCH_SERVICE_SECRET must be at least 32 characters')
  const host = env.HOST || '127.0.0.1'
  const demoDatabase = bool(env, 'DEMO_DATABASE', false)
  checkDemoScope(authMode, host, databaseUrl, demoDatabase)
  const config: Config = {
    port: int(env, 'PORT', 8080, 0, 65535),
    host,
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    databaseUrl,
    authMode,
    sessionSecret,
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 24 * 30, 1, 24 * 365),
    wxAppId: env.WX_APPID || undefined,
    wxSecret: env.WX_SECRET || undefined,
    wxApiBase: (env.WX_API_BASE || 'https://api.weixin.qq.com').replace(/\/$/, ''),
    wxCloudEnv: env.WX_CLOUD_ENV || undefined,
    evidenceStore,
    demoDatabase,
    sampleData: bool(env, 'SAMPLE_DATA', authMode === 'dev'),
    webRoot: path.resolve(env.WEB_ROOT || 'dist-h5'),
    articlesDir: path.resolve(env.ARTICLES_DIR || path.join(__dirname, '../content/articles')),
    calendarDir: path.resolve(env.CALENDAR_DIR || path.join(__dirname, '../content/calendar')),
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    gatewayProcesses: int(env, 'GATEWAY_PROCESSES', 1, 1, 16),
    searchIndex: bool(env, 'SEARCH_INDEX', true),
    searchIndexMaxStaleMs: int(env, 'SEARCH_INDEX_MAX_STALE_MS', 1000, 0, 3_600_000),
    searchIndexShards: intOrAuto(env, 'SEARCH_INDEX_SHARDS', 1, 16),
    searchIndexBuildThreads: int(env, 'SEARCH_INDEX_BUILD_THREADS', 2, 1, 16),
    searchIndexSave: bool(env, 'SEARCH_INDEX_SAVE', true),
    searchTermCacheRanks: int(env, 'SEARCH_TERM_CACHE_RANKS', 4_000_000, 0, 100_000_000),
    searchServiceUrl: searchServiceUrl(env.SEARCH_SERVICE_URL, searchServiceSecret),
    searchServiceSecret,
    searchServiceTimeoutMs: int(env, 'SEARCH_SERVICE_TIMEOUT_MS', 800, 10, 60_000),
    contactKey: contactKey(env.CONTACT_KEY),
    wxSubscribeTemplateId: env.WX_SUBSCRIBE_TEMPLATE_ID || undefined,
    wxMiniprogramState: miniprogramState(env.WX_MINIPROGRAM_STATE),
    complaintAcceptDays: int(env, 'COMPLAINT_ACCEPT_DAYS', 2, 1, 30),
    complaintReplyDays: int(env, 'COMPLAINT_REPLY_DAYS', 15, 1, 90),
    contactRetentionDays: int(env, 'CONTACT_RETENTION_DAYS', 180, 1, 3650),
    complaintDailyLimit: int(env, 'COMPLAINT_DAILY_LIMIT', 10, 1, 10_000),
    uploadDailyLimit: int(env, 'UPLOAD_DAILY_LIMIT', 50, 1, 100_000),
    supervisionMaxAccuracyM: int(env, 'SUPERVISION_MAX_ACCURACY_M', DEFAULT_MAX_ACCURACY_M, 5, 5000),
    supervisionGeofenceM: int(env, 'SUPERVISION_GEOFENCE_M', DEFAULT_GEOFENCE_M, 20, 50_000),
  }
  if (config.gatewayProcesses > 1 && !databaseUrl) {
    throw new ConfigError(
      `GATEWAY_PROCESSES=${config.gatewayProcesses} needs DATABASE_URL: the embedded database (PGlite) serves one process per data directory. Set DATABASE_URL to a PostgreSQL server or GATEWAY_PROCESSES=1.`,
    )
  }
  return Object.freeze(config)
}
