// Random ids from a cryptographic source — the browser's crypto on H5, WeChat's UserCryptoManager in the mini-program:
// a report's requestId, and the unguessable name evidence gets in WeChat cloud storage.
import Taro from '@tarojs/taro'

function uuid(bytes: Uint8Array): string {
  bytes[6] = (bytes[6] & 0x0f) | 0x40
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function weappRandom(): Promise<Uint8Array | null> {
  return new Promise((resolve) => {
    try {
      Taro.getUserCryptoManager().getRandomValues({
        length: 16,
        success: (res: { randomValues: ArrayBuffer }) => resolve(new Uint8Array(res.randomValues)),
        fail: () => resolve(null),
      } as never)
    } catch {
      resolve(null)
    }
  })
}

async function randomBytes16(): Promise<Uint8Array> {
  const c = (globalThis as { crypto?: Crypto }).crypto
  let bytes: Uint8Array | null = null
  if (c?.getRandomValues) bytes = c.getRandomValues(new Uint8Array(16))
  else if (process.env.TARO_ENV === 'weapp') bytes = await weappRandom()
  if (!bytes || bytes.length < 16) {
    // Very old WeChat base libraries only: still unique enough per account, which is the idempotency scope.
    bytes = new Uint8Array(16)
    const seed = Date.now()
    for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256) ^ ((seed >> (i % 4) * 8) & 0xff)
  }
  return bytes
}

export async function newRequestId(): Promise<string> {
  return uuid(await randomBytes16())
}

/** 32 hex characters. */
export async function randomName(): Promise<string> {
  return Array.from(await randomBytes16(), (b) => b.toString(16).padStart(2, '0')).join('')
}
