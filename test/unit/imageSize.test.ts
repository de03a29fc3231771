import { imageSize } from '../../cloud/platform/media/imageSize'
import { MalformedImageError } from '../../cloud/platform/media/stripMetadata'
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, imageSizeProblem } from '../../src/domain/media'
import { chromiumJpeg, chromiumWebp } from '../fixtures/media/build'
import { jpegDeclaring, losslessWebpDeclaring, pngDeclaring, simpleWebpDeclaring, webpDeclaring } from '../fixtures/media/declared'

describe('the pixel size an image declares', () => {
  it('when real images are read, then their sizes come out: Chromium’s 16×16 JPEG and 2×2 WebP', () => {
    expect(imageSize(chromiumJpeg(), 'image/jpeg')).toEqual({ width: 16, height: 16 })
    expect(imageSize(chromiumWebp(), 'image/webp')).toEqual({ width: 2, height: 2 })
    expect(imageSize(simpleWebpDeclaring(2, 2), 'image/webp')).toEqual({ width: 2, height: 2 })
  })

  it.each([
    ['PNG IHDR', () => pngDeclaring(50_000, 50_000), 'image/png', [50_000, 50_000]],
    ['JPEG SOF0', () => jpegDeclaring(65_000, 300), 'image/jpeg', [65_000, 300]],
    ['WebP VP8X canvas', () => webpDeclaring(20_000, 16_000), 'image/webp', [20_000, 16_000]],
    ['WebP VP8 frame', () => simpleWebpDeclaring(16_383, 9_000), 'image/webp', [16_383, 9_000]],
    ['WebP VP8L header', () => losslessWebpDeclaring(16_384, 12_345), 'image/webp', [16_384, 12_345]],
  ] as const)('when the %s declares a size, then that size is read', (_label, make, mime, [width, height]) => {
    expect(imageSize(make(), mime)).toEqual({ width, height })
  })

  it.each([
    ['a PNG without IHDR', Buffer.from('89504e470d0a1a0a0000000049454e44ae426082', 'hex'), 'image/png'],
    ['a JPEG whose first scan comes before any frame header', Buffer.from('ffd8ffda000c03010002110311003f00ffd9', 'hex'), 'image/jpeg'],
    ['a JPEG that declares its height later (DNL)', jpegDeclaring(16, 0), 'image/jpeg'],
    ['a WebP whose first chunk is ICC colour data', Buffer.concat([Buffer.from('RIFF\x16\0\0\0WEBPICCP\x0a\0\0\0', 'latin1'), Buffer.alloc(10)]), 'image/webp'],
  ] as const)('when %s is read, then it is malformed', (_label, bytes, mime) => {
    expect(() => imageSize(bytes, mime)).toThrow(MalformedImageError)
  })
})

describe('the image size rule (src/domain/media.ts)', () => {
  it('when a picture is within both limits, then it passes; past either, the reason names its size in Chinese', () => {
    expect(imageSizeProblem(4032, 3024)).toBeUndefined()
    expect(imageSizeProblem(MAX_IMAGE_SIDE, MAX_IMAGE_PIXELS / MAX_IMAGE_SIDE)).toBeUndefined()
    expect(imageSizeProblem(50_000, 50_000)).toMatch(/^图片尺寸过大（50000×50000），请截图或压缩后再上传/)
    expect(imageSizeProblem(MAX_IMAGE_SIDE + 1, 10)).toMatch(/图片尺寸过大/)
    // 8000 × 6000 = 48 MP: no side too long, too many pixels together.
    expect(imageSizeProblem(8000, 6000)).toMatch(/图片尺寸过大（8000×6000）/)
  })
})
