// WGS-84 → GCJ-02. Chinese maps, WeChat's getLocation('gcj02') and our registered sites use GCJ-02, an offset datum
// of the national surveying rules; a browser's geolocation answers in WGS-84. In Xiamen the two differ by about
// 500 m — a nearby list sorted on the wrong side of a street, a supervisor's check-in judged half a kilometre off.
// The published transformation (the one every open implementation shares, e.g. eviltransform) on the Krasovsky
// ellipsoid; outside mainland China's bounding box nothing is shifted, as those maps are not either.

const A = 6378245.0
const EE = 0.00669342162296594323

export interface LatLng {
  lat: number
  lng: number
}

/** The rough box the offset applies in (the reference implementations' own test). */
export function outsideChina({ lat, lng }: LatLng): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271
}

function shiftLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3
  return r
}

function shiftLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3
  return r
}

/** A browser's (WGS-84) position in the datum of our sites and of WeChat's own positions. */
export function wgs84ToGcj02(p: LatLng): LatLng {
  if (outsideChina(p)) return { lat: p.lat, lng: p.lng }
  const x = p.lng - 105
  const y = p.lat - 35
  const radLat = (p.lat / 180) * Math.PI
  const s = Math.sin(radLat)
  const magic = 1 - EE * s * s
  const sqrtMagic = Math.sqrt(magic)
  const dLat = (shiftLat(x, y) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI)
  const dLng = (shiftLng(x, y) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI)
  return { lat: p.lat + dLat, lng: p.lng + dLng }
}

/**
 * The WGS-84 point that wgs84ToGcj02 takes to `p` (within a millimetre), by fixed-point iteration: the shift varies
 * slowly, so each round removes most of the error. For tests that place a browser at a registered site.
 */
export function gcj02ToWgs84(p: LatLng): LatLng {
  let w = { lat: p.lat, lng: p.lng }
  for (let k = 0; k < 10; k++) {
    const g = wgs84ToGcj02(w)
    const dLat = g.lat - p.lat
    const dLng = g.lng - p.lng
    if (Math.abs(dLat) < 1e-9 && Math.abs(dLng) < 1e-9) break
    w = { lat: w.lat - dLat, lng: w.lng - dLng }
  }
  return w
}
