// Streams bytes to a temporary file while hashing them, keeping the first bytes for type sniffing, and stops
// counting at a limit: whatever the source (a multipart upload, a download from WeChat cloud storage), what reaches
// the evidence rules is the same Received record.
import fs from 'node:fs'
import crypto from 'node:crypto'
import type { Readable } from 'node:stream'

export interface Received {
  /** First 16 bytes, for sniffMime. */
  head: Uint8Array
  size: number
  sha256: string
  /** More than `limit` bytes came; the file on disk is incomplete and must be refused. */
  truncated: boolean
}

export function hashToFile(source: Readable, temp: string, limit: number): Promise<Received> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256')
    const out = fs.createWriteStream(temp)
    const head: number[] = []
    let size = 0
    let truncated = false
    const fail = (e: unknown) => {
      source.destroy()
      out.destroy()
      reject(e)
    }
    source.on('data', (chunk: Buffer) => {
      if (truncated) return
      if (size + chunk.length > limit) {
        truncated = true
        source.destroy()
        out.end(() => resolve({ head: Uint8Array.from(head), size: size + chunk.length, sha256: '', truncated }))
        return
      }
      size += chunk.length
      hash.update(chunk)
      for (let i = 0; head.length < 16 && i < chunk.length; i++) head.push(chunk[i])
      if (!out.write(chunk)) {
        source.pause()
        out.once('drain', () => source.resume())
      }
    })
    source.on('end', () => {
      if (!truncated) out.end(() => resolve({ head: Uint8Array.from(head), size, sha256: hash.digest('hex'), truncated: (source as { truncated?: boolean }).truncated === true }))
    })
    source.on('error', (e) => {
      if (!truncated) fail(e)
    })
    out.on('error', fail)
  })
}
