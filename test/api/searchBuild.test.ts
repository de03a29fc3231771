// A new index is built in slices so the event loop keeps answering (issue 12, point 2); slicing must change nothing
// in what the index answers.
import { generateSample } from '../../content/sample/generate'
import { nameSearchColumns } from '../../cloud/store/searchText'
import { MemoryIndex, type IndexedInstitution } from '../../cloud/services/search/memoryIndex'
import { classifyQuery } from '../../src/domain/query'
import { searchShapes } from '../support/searchShapes'

const docs: IndexedInstitution[] = generateSample({ institutions: 12_000 }).institutions.map((i, k) => {
  const c = nameSearchColumns(i.name)
  return { id: `id${k}`, name: i.name, status: i.status, category: i.category, district: i.district, address: i.address, lat: i.lat, lng: i.lng, uscc: i.uscc, licenseNo: i.licenseNo, pinyin: c.name_pinyin, initials: c.name_initials }
})

describe('an index built in slices', () => {
  it('when built in 2 ms slices, then timers run between slices and every shape answers as an index built at once', async () => {
    const atOnce = new MemoryIndex(docs, 0, 0)
    let turns = 0
    const timer = setInterval(() => turns++, 1)
    const { index, longestSliceMs } = await MemoryIndex.build([...docs].reverse(), { termCacheRanks: 0, scoreAllBelow: 0, sliceMs: 2 })
    clearInterval(timer)
    expect(turns).toBeGreaterThan(20) // the loop had turns while it built
    expect(longestSliceMs).toBeGreaterThan(0)
    expect(index.size).toBe(atOnce.size)
    const events: Record<string, unknown>[] = [...searchShapes(docs, 3), ...docs.filter((_, i) => i % 500 === 0).flatMap((d) => [{ q: d.uscc.slice(0, 10) }, { q: Array.from(d.name).slice(1, 4).join('') }, { q: d.initials.slice(0, 4) }])]
    for (const ev of events) {
      const q = {
        query: classifyQuery(String(ev.q ?? '')),
        district: ev.district as never,
        category: ev.category as never,
        status: ev.status as never,
        near: ev.lat !== undefined ? { lat: ev.lat as number, lng: ev.lng as number } : undefined,
        sortByDistance: ev.sort === 'distance',
        after: typeof ev.cursor === 'string' ? { kind: 'offset' as const, offset: Number(ev.cursor.slice(1)) } : undefined,
        limit: (ev.limit as number) ?? 20,
      }
      expect({ ev, page: index.search(q) }).toEqual({ ev, page: atOnce.search(q) })
    }
  })

  it('when the build releases its input, then the array is emptied and every doc reads back from the columns as it went in', async () => {
    const input = [...docs]
    const { index } = await MemoryIndex.build(input, { termCacheRanks: 0, release: true })
    expect(input).toHaveLength(0)
    expect(index.size).toBe(docs.length)
    for (const d of docs) expect(index.docAt(index.rankOf(d.id)!)).toEqual(d)
    expect(index.rankOf('no-such-id')).toBeUndefined()
  })
})
