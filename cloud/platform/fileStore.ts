// Content-addressed evidence store on local disk: <root>/<first two hex>/<sha256>. Written through a temporary
// file and renamed, so a crash never leaves a half-written object under its final name.
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'

export interface StoredFile {
  fileId: string
  sha256: string
  /** files.store_ref: where the object is when the hash alone does not say (a WeChat cloud fileID). */
  storeRef: string | null
}

export interface FileStore {
  /** Streams are consumed by the caller; this only places finished temporary files. */
  tempPath(): string
  /** Places the file under its hash and removes the temporary file; answers a store_ref, or null when none is needed. */
  commit(tempPath: string, sha256: string): Promise<string | null>
  /** A path on this disk, for a store the gateway serves itself (through signed links, see fileLinks). */
  pathOf?(sha256: string): string
  /** Expiring links straight to the objects, for a store that serves them itself. */
  links?(files: StoredFile[]): Promise<Map<string, string>>
}

export function localFileStore(root: string): FileStore {
  fs.mkdirSync(path.join(root, 'tmp'), { recursive: true })
  return {
    tempPath: () => path.join(root, 'tmp', `${process.pid}-${crypto.randomBytes(8).toString('hex')}`),
    async commit(tempPath, sha256) {
      const final = path.join(root, sha256.slice(0, 2), sha256)
      await fs.promises.mkdir(path.dirname(final), { recursive: true })
      if (fs.existsSync(final)) await fs.promises.rm(tempPath, { force: true })
      else await fs.promises.rename(tempPath, final)
      return null
    },
    pathOf: (sha256) => path.join(root, sha256.slice(0, 2), sha256),
  }
}
