// A new index is built in slices so the event loop keeps answering, or in a worker thread and handed over as
// transferred buffers (issue 12, point 2); neither may change anything in what the index answers.
import { generateSample } from '../../content/sample/generate'
import { nameSearchColumns } from '../../cloud/store/searchText'
import { MemoryIndex, type IndexedInstitution } from '../../cloud/services/search/memoryIndex'
import { packIndex, receiveIndex } from '../../cloud/services/search/indexTransfer'
import { collectNow, collectSoon } from '../../cloud/services/search/collector'
import { indexQueryOf, searchShapes } from '../support/searchShapes'

const docs: IndexedInstitution[] = generateSample({ institutions: 12_000 }).institutions.map((i, k) => {
  const c = nameSearchColumns(i.name)
  return { id: `id${k}`, name: i.name, status: i.status, category: i.category, district: i.district, address: i.address, lat: i.lat, lng: i.lng, uscc: i.uscc, licenseNo: i.licenseNo, pinyin: c.name_pinyin, initials: c.name_initials }
})

/** Every generated shape (and USCC prefixes, name slices, initials) answers alike from both indexes. */
function expectSameAnswers(index: MemoryIndex, reference: MemoryIndex): void {
  const events: Record<string, unknown>[] = [...searchShapes(docs, 3), ...docs.filter((_, i) => i % 500 === 0).flatMap((d) => [{ q: d.uscc.slice(0, 10) }, { q: Array.from(d.name).slice(1, 4).join('') }, { q: d.initials.slice(0, 4) }])]
  for (const ev of events) {
    const q = indexQueryOf(ev)
    expect({ ev, page: index.search(q) }).toEqual({ ev, page: reference.search(q) })
  }
  expect(events.length).toBeGreaterThan(100)
}

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
    expectSameAnswers(index, atOnce)
  })

  it('when the build releases its input, then the array is emptied and every doc reads back from the columns as it went in', async () => {
    const input = [...docs]
    const { index } = await MemoryIndex.build(input, { termCacheRanks: 0, release: true })
    expect(input).toHaveLength(0)
    expect(index.size).toBe(docs.length)
    for (const d of docs) expect(index.docAt(index.rankOf(d.id)!)).toEqual(d)
    expect(index.rankOf('no-such-id')).toBeUndefined()
  })

  it('when an index is packed, its buffers and texts transferred to another realm and received, then it answers as one built there, and the sender keeps none of its lists or long strings', async () => {
    const reference = new MemoryIndex(docs, 0, 0)
    const { index: sent } = await MemoryIndex.build([...docs], { termCacheRanks: 0, scoreAllBelow: 0, sliceMs: Infinity })
    const all = (sent as unknown as { all: Int32Array }).all
    const names = (sent as unknown as { cols: { name: { text: string } } }).cols.name
    const nameText = names.text
    let released = 0
    const { root, texts, transfer } = packIndex(sent, { released: () => released++ })
    // Each long string was taken out of the sender once encoded (a worker collects it there: buildWorker.ts).
    expect(released).toBe(texts.length)
    expect(names.text).toBe('')
    expect(texts.some((t) => !t.latin1 && Buffer.from(t.bytes).toString('utf16le') === nameText)).toBe(true)
    // Every list of a kind shares one buffer, and the strings travel packed: a few dozen buffers (four per posting
    // table; 80 today), not one per gram (thousands here).
    expect(transfer.length).toBeGreaterThan(20)
    expect(transfer.length).toBeLessThan(100)
    // Each long column crosses as bytes: one per character for ids, codes and pinyin; UTF-16 for names and addresses.
    expect(texts.filter((t) => t.latin1).length).toBeGreaterThanOrEqual(5)
    expect(texts.filter((t) => !t.latin1).length).toBeGreaterThanOrEqual(3)
    for (const t of texts) expect(transfer).toContain(t.bytes.buffer)
    let turns = 0
    const received = await receiveIndex(structuredClone({ root, texts }, { transfer }), async () => void turns++)
    expect(turns).toBe(texts.length + 1) // one text decoded per turn, then the objects
    expect(all.length).toBe(0) // moved, not copied: the sender's view is detached
    expect(received.size).toBe(docs.length)
    expect(received.listBytes).toBe(reference.listBytes)
    expect(received.docBytes).toBe(reference.docBytes)
    for (const d of docs.slice(0, 200)) expect(received.docAt(received.rankOf(d.id)!)).toEqual(d)
    expectSameAnswers(received, reference)
  })

  it('when a name holds an astral character or a lone surrogate, then it crosses as UTF-16 and reads back the same', async () => {
    const odd = docs.slice(0, 600).map((d, i) => (i % 100 === 0 ? { ...d, name: `${d.name}𠀋`, address: `${d.address}\ud800` } : d))
    const { root, texts, transfer } = packIndex(new MemoryIndex(odd, 0, 0))
    const received = await receiveIndex(structuredClone({ root, texts }, { transfer }))
    for (const d of odd) expect(received.docAt(received.rankOf(d.id)!)).toEqual(d)
  })

  it('when names hold a character outside the BMP, then terms of 1 to 4 characters with it find exactly the names that contain them', () => {
    const odd = docs.slice(0, 2000).map((d, i) => (i % 50 === 0 ? { ...d, name: `${Array.from(d.name).slice(0, 2).join('')}𠀋${Array.from(d.name).slice(2).join('')}` } : d))
    // Both halves of 𠀋 (U+2000B: D840 DC0B), each in another character: a code-unit gram would match it here.
    odd[1] = { ...odd[1], name: `${odd[1].name}𠀌𡀋` }
    const index = new MemoryIndex(odd, 0, 0)
    const terms = ['𠀋', ...odd.filter((_, i) => i % 50 === 0).slice(0, 8).flatMap((d) => [1, 2, 3].map((k) => Array.from(d.name).slice(2 - Math.min(k, 2), 2 + k).join('')))]
    for (const q of terms) {
      const want = odd.filter((d) => d.name.toLowerCase().includes(q.toLowerCase())).length
      expect({ q, total: index.search(indexQueryOf({ q, limit: 5 })).total }).toEqual({ q, total: Math.min(want, 10_000) })
    }
    expect(index.search(indexQueryOf({ q: '𠀋' })).total).toBe(40)
  })

  it('when a collection is asked for, then V8 runs one (a weakly held object goes)', async () => {
    let big: object | undefined = { payload: new Array(100_000).fill(1) }
    const ref = new WeakRef(big)
    big = undefined
    collectSoon()
    await new Promise((r) => setImmediate(r))
    collectNow()
    expect(ref.deref()).toBeUndefined()
  })

  it('when something not of the index is packed, or something unknown received, then it says which type', async () => {
    const index = new MemoryIndex(docs.slice(0, 10), 0, 0)
    ;(index as unknown as { stray: object }).stray = new Date()
    expect(() => packIndex(index)).toThrow('Date 类型的对象无法传给另一线程')
    await expect(receiveIndex({ root: { $class: 'Nope', fields: {} }, texts: [] })).rejects.toThrow('收到未知的类型 Nope')
    await expect(receiveIndex({ root: { $class: 'MemoryIndex', fields: { name: { $text: 3 } } }, texts: [] })).rejects.toThrow('收到的文本缺失')
  })
})
