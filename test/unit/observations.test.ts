import { checkIn, checklistProblems, distanceM, visitTimeProblem } from '../../src/domain/observations'

describe('a field visit’s rules', () => {
  const site = { lat: 24.4453, lng: 118.0821 }
  const limits = { maxAccuracyM: 100, geofenceM: 300 }

  it('when two points are measured, then the great-circle distance comes back in metres', () => {
    expect(distanceM(site, site)).toBe(0)
    // 0.001° of latitude is about 111 m anywhere.
    expect(distanceM(site, { lat: site.lat + 0.001, lng: site.lng })).toBe(111)
    // Siming to Jimei centre: about 14.5 km.
    expect(distanceM({ lat: 24.445, lng: 118.082 }, { lat: 24.575, lng: 118.097 })).toBeGreaterThan(14_000)
  })

  it('when the fix is worse than the accuracy limit, then the check-in asks to retry, naming the accuracy', () => {
    expect(checkIn({ ...site, accuracyM: 180 }, [site], limits)).toEqual({ ok: false, field: 'location', message: '定位精度约180米，超过100米，请到窗边或室外重新定位' })
    expect(checkIn({ ...site, accuracyM: 100 }, [site], limits)).toEqual({ ok: true, distanceM: 0, flagged: false })
  })

  it('when the position is beyond the geofence from every site, then it is flagged; near any registered site it is not', () => {
    const far = { lat: site.lat + 0.004, lng: site.lng, accuracyM: 20 }
    expect(checkIn(far, [site], limits)).toEqual({ ok: true, distanceM: 445, flagged: true })
    expect(checkIn(far, [site, { lat: far.lat, lng: far.lng }], limits)).toEqual({ ok: true, distanceM: 0, flagged: false })
  })

  it('when items fail without a note, or nothing was checked, then each problem names its field', () => {
    expect(checklistProblems({ licence_displayed: 'pass' })).toEqual({})
    expect(checklistProblems({ licence_displayed: 'na' })).toEqual({ checklist: '请至少检查一项' })
    expect(checklistProblems({ hours_by_2030: 'fail', fire_safety: 'fail' }, { fire_safety: '灭火器过期' })).toEqual({
      'itemNotes.hours_by_2030': '“线下培训在20:30前结束”不符合，请写明发现的问题',
    })
    expect(checklistProblems({ hours_by_2030: 'pass' }, { materials: '教材没看' })).toEqual({ 'itemNotes.materials': '这一项没有检查结果' })
  })

  it('when the visit time is in the future or older than a week, then it is refused; within the week it stands', () => {
    const now = new Date('2026-12-02T08:00:00Z')
    expect(visitTimeProblem('2026-12-02T09:00:00Z', now)).toBe('巡查时间不能晚于现在，请检查手机时间')
    expect(visitTimeProblem('2026-12-02T08:05:00Z', now)).toBeUndefined()
    expect(visitTimeProblem('2026-11-24T08:00:00Z', now)).toBe('只能补录7天内的巡查')
    expect(visitTimeProblem('2026-11-26T08:00:00Z', now)).toBeUndefined()
  })
})
