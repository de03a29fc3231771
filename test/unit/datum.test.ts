// WGS-84 → GCJ-02 against the reference vectors every open implementation tests with (eviltransform's fixture), and
// the size of the shift where our users are.
import { gcj02ToWgs84, outsideChina, wgs84ToGcj02 } from '../../src/domain/datum'
import { distanceM } from '../../src/domain/observations'

describe('wgs84ToGcj02', () => {
  it.each([
    ['Shanghai', 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215],
    ['Shenzhen', 22.543847, 113.912316, 22.540796131694766, 113.9171764808363],
    ['Beijing', 39.911954, 116.377817, 39.91334545536069, 116.38404722455657],
  ])('when a browser reports a position in %s, then it becomes the reference GCJ-02 point', (_city, lat, lng, gLat, gLng) => {
    const g = wgs84ToGcj02({ lat, lng })
    expect(Math.abs(g.lat - gLat)).toBeLessThan(1e-9)
    expect(Math.abs(g.lng - gLng)).toBeLessThan(1e-9)
  })

  it('when the position is in Xiamen, then it moves by a few hundred metres (what a nearby list would be off by)', () => {
    const wgs = { lat: 24.4798, lng: 118.0894 }
    const shift = distanceM(wgs, wgs84ToGcj02(wgs))
    expect(shift).toBeGreaterThan(300)
    expect(shift).toBeLessThan(800)
  })

  it('when a registered site is turned back into a browser position, then converting that lands on the site (within a millimetre)', () => {
    const site = { lat: 24.4459, lng: 118.0823 }
    const there = wgs84ToGcj02(gcj02ToWgs84(site))
    expect(distanceM(site, there)).toBeLessThan(0.001)
  })

  it('when the position is outside mainland China, then it is left as it is', () => {
    const london = { lat: 51.5074, lng: -0.1278 }
    expect(outsideChina(london)).toBe(true)
    expect(wgs84ToGcj02(london)).toEqual(london)
  })
})
