import { QUEUE_LIMIT_BYTES, deliveryError, inQueueOrder, queueSummary, recordBytes, revive, roomProblem, shouldSend, submitInput, type QueuedObservation } from '../../src/domain/observationQueue'

const record = (over: Partial<QueuedObservation> = {}): QueuedObservation => ({
  requestId: 'req-00000001',
  queuedAt: '2026-12-01T02:00:00.000Z',
  institution: { id: 'i1', name: '星火美术' },
  input: {
    institutionId: 'i1',
    visitedAt: '2026-12-01T01:58:00.000Z',
    location: { lat: 24.445, lng: 118.082, accuracyM: 12 },
    checklist: { hours_by_2030: 'fail' },
    itemNotes: { hours_by_2030: '21点仍在上课' },
  },
  photos: [],
  state: 'pending',
  attempts: 0,
  ...over,
})

describe('the device’s queue of field visits', () => {
  it('when photos or the signature are not uploaded yet, then there is no submit input; once they are, their fileIds go in', () => {
    const r = record({ photos: [{ path: 'data:image/jpeg;base64,AAAA', size: 3 }], signature: { refused: false, path: 'wxfile://sig.png', size: 900 } })
    expect(submitInput(r)).toBeUndefined()
    const up = { ...r, photos: [{ ...r.photos[0], fileId: 'f1' }], signature: { refused: false as const, path: 'wxfile://sig.png', size: 900, fileId: 'f2' } }
    expect(submitInput(up)).toEqual({ requestId: 'req-00000001', ...r.input, evidence: ['f1'], signature: { refused: false, fileId: 'f2' } })
    expect(submitInput(record({ signature: { refused: true } }))).toEqual({ requestId: 'req-00000001', ...r.input, signature: { refused: true } })
    expect(submitInput(record())).not.toHaveProperty('evidence')
  })

  it('when a record is measured, then its text counts twice and saved files count their size, data: URLs only once', () => {
    const plain = record()
    const text = JSON.stringify(plain).length * 2
    expect(recordBytes(plain)).toBe(text)
    const saved = record({ photos: [{ path: 'wxfile://a.jpg', size: 200_000 }] })
    expect(recordBytes(saved)).toBe(JSON.stringify(saved).length * 2 + 200_000)
    const inline = record({ photos: [{ path: `data:image/jpeg;base64,${'A'.repeat(1000)}`, size: 750 }] })
    expect(recordBytes(inline)).toBe(JSON.stringify(inline).length * 2)
  })

  it('when a new record would pass the 5 MB limit, then it is refused in words; a correction of a queued one counts once', () => {
    const big = (id: string) => record({ requestId: id, photos: [{ path: `wxfile://${id}.jpg`, size: 2 * 1024 * 1024 }] })
    expect(roomProblem([big('a')], big('b'))).toBeUndefined()
    expect(roomProblem([big('a'), big('b')], big('c'))).toMatch(/^本机待上传的记录已占用 4\.0 MB，再存这条会超过 5\.0 MB/)
    expect(roomProblem([big('a'), big('b')], big('b'))).toBeUndefined()
    expect(roomProblem([], record({ photos: [{ path: 'wxfile://x.jpg', size: QUEUE_LIMIT_BYTES }] }))).toMatch(/^这条记录有 5\.0 MB/)
  })

  it('when a delivery fails, then the network and the server’s troubles wait for a retry; invalid input must be fixed', () => {
    expect(deliveryError({ code: 'network', message: 'x' })).toEqual({ message: '网络不可用，连网后会自动上传', permanent: false })
    expect(deliveryError({ code: 'unavailable', message: '服务暂不可用' })).toEqual({ message: '服务暂不可用', permanent: false })
    expect(deliveryError({ code: 'unauthenticated', message: 'x' }).permanent).toBe(false)
    const bad = deliveryError({ code: 'invalid_input', message: '只能补录7天内的巡查', fields: { visitedAt: '只能补录7天内的巡查' } })
    expect(bad).toEqual({ message: '只能补录7天内的巡查', permanent: true, fields: { visitedAt: '只能补录7天内的巡查' } })
    expect(deliveryError({ code: 'forbidden', message: '只能巡查本辖区的机构' }).permanent).toBe(true)
    expect(shouldSend(record({ state: 'failed', error: bad }))).toBe(false)
    expect(shouldSend(record({ state: 'failed', error: { message: 'x', permanent: false } }))).toBe(true)
  })

  it('when the queue is summed up, then waiting and to-fix records are counted apart, oldest sent first', () => {
    expect(queueSummary([])).toBe('')
    const a = record({ requestId: 'b', queuedAt: '2026-12-01T03:00:00.000Z' })
    const b = record({ requestId: 'a', queuedAt: '2026-12-01T02:00:00.000Z', state: 'failed', error: { message: 'x', permanent: true } })
    expect(queueSummary([a, a])).toBe('2 条待上传')
    expect(queueSummary([a, b])).toBe('1 条待上传，1 条需要修改')
    expect(inQueueOrder([a, b]).map((r) => r.requestId)).toEqual(['a', 'b'])
  })

  it('when a record is read back, then one left "sending" by a closed app is pending again, and a foreign value is ignored', () => {
    expect(revive(record({ state: 'sending' }))?.state).toBe('pending')
    expect(revive({ hello: 1 })).toBeUndefined()
    expect(revive('')).toBeUndefined()
  })
})
