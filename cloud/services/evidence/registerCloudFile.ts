// files.register: evidence the mini-program put into WeChat cloud storage (wx.cloud.uploadFile) becomes ours like a
// POST /files upload — same rules, same store, same answer — and the original, which still carries the phone's
// metadata, is deleted from cloud storage once the cleaned copy is stored.
import fs from 'node:fs'
import * as v from 'valibot'
import type { Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { AppError } from '../../../src/domain/errors'
import { CLOUD_EVIDENCE_PATH, MAX_VIDEO_BYTES } from '../../../src/domain/media'
import type { Database } from '../../store/schema'
import type { FileStore } from '../../platform/fileStore'
import type { CloudStorage } from '../../platform/cloudStorage'
import { parseInput } from '../validate'
import { storeEvidence, takeUploadSlot, type Uploaded } from './storeEvidence'

export const RegisterSchema = v.strictObject(
  { fileId: v.pipe(v.string('缺少云存储文件编号'), v.maxLength(300, '云存储文件编号过长'), v.regex(CLOUD_EVIDENCE_PATH, '云存储文件编号格式不正确')) },
  '不支持的参数',
)

export interface RegisterDeps {
  store: FileStore
  storage: CloudStorage
  /** Our cloud environment: a fileID from any other environment is refused before anything is fetched. */
  cloudEnv: string
  dailyLimit: number
  log?: (line: string) => void
}

export async function registerCloudFile(db: Kysely<Database>, deps: RegisterDeps, actor: Account | undefined, input: unknown): Promise<Uploaded> {
  if (!actor) throw new AppError('unauthenticated', '请先登录再上传证据')
  const { fileId } = parseInput(RegisterSchema, input)
  if (CLOUD_EVIDENCE_PATH.exec(fileId)?.[1] !== deps.cloudEnv) throw new AppError('invalid_input', '这个文件不在本小程序的云存储中', { fileId: '这个文件不在本小程序的云存储中' })
  const slot = await takeUploadSlot(db, actor.id, deps.dailyLimit)
  const temp = deps.store.tempPath()
  let uploaded: Uploaded
  try {
    uploaded = await storeEvidence(db, deps.store, actor.id, temp, await deps.storage.download(fileId, temp, MAX_VIDEO_BYTES + 1))
  } catch (e) {
    // Not stored, so not counted against today's limit.
    await slot.release()
    // A file the rules refuse (wrong type, too big, too long) is of no use and may carry a position: remove it too.
    // When WeChat or our store failed, keep it, so the phone's retry can still register it.
    if (e instanceof AppError && e.code !== 'internal' && e.code !== 'not_found') await removeOriginal(deps, fileId)
    throw e
  } finally {
    await fs.promises.rm(temp, { force: true })
  }
  await removeOriginal(deps, fileId)
  return uploaded
}

async function removeOriginal(deps: RegisterDeps, fileId: string): Promise<void> {
  const left = await deps.storage.remove([fileId])
  if (left.length) deps.log?.(`云存储原件未能删除，需人工清理：${left.join(', ')}`)
}
