// Opens config + database once per process (a WeChat function instance, the gateway, a test) and migrates.
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { readConfig, type Config } from '../config'
import { openDatabase, type DatabaseHandle } from '../store/db'
import { migrateToLatest } from '../store/migrate'
import type { Env } from './runtime'
import { SearchIndex } from '../services/search/searchIndex'
import { accessToken } from '../platform/wechatToken'
import { localFileStore, type FileStore } from '../platform/fileStore'
import { wechatFileStore } from '../platform/wechatFileStore'

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

export async function openEnvironment(config: Readonly<Config> = readConfig()): Promise<Env & { handle: DatabaseHandle }> {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrateToLatest(handle.db)
  } catch (e) {
    await handle.close()
    throw e
  }
  const search = config.searchIndex ? new SearchIndex(handle.db, { maxStaleMs: config.searchIndexMaxStaleMs, termCacheRanks: config.searchTermCacheRanks, log: (line) => console.error(`[search index] ${line}`) }) : undefined
  const wechat = config.wxAppId && config.wxSecret ? { token: accessToken({ apiBase: config.wxApiBase, appId: config.wxAppId, secret: config.wxSecret }) } : undefined
  return { config, db: handle.db, sessionSecret: sessionSecretFor(config), contactKey: contactKeyFor(config), search, wechat, files: evidenceStoreFor(config, wechat), handle }
}
