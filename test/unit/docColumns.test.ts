// The index's packed documents (issue 12, point 6) must answer exactly what the strings themselves would: the same
// order as `<`, the same equality, every value found by its rank table and nothing else.
import { PackedStrings, RankTable } from '../../cloud/services/search/docColumns'
import { MemoryIndex } from '../../cloud/services/search/memoryIndex'
import { OverlaidIndex } from '../../cloud/services/search/overlay'
import { generateSample } from '../../content/sample/generate'
import { nameSearchColumns, syllables, syllablesFromColumns } from '../../cloud/store/searchText'

const VALUES = ['', 'a', 'ab', 'abc', 'b', '阳光舞蹈', '阳光', '𠀋体育', '𠀋', 'ｚ', 'Z', '91350203MA2Y3K4L5X', '91350203MA2Y3K4L5', '舞蹈（思明第2分部）']

describe('packed strings', () => {
  const packed = new PackedStrings(VALUES)

  it('when read back, compared or tested for equality, then each answers as the string itself', () => {
    const probes = [...VALUES, 'aa', '阳光舞', '𠀋体', '\uffff', '0']
    VALUES.forEach((v, i) => {
      expect(packed.get(i)).toBe(v)
      for (const p of probes) {
        expect([v, p, Math.sign(packed.compare(i, p))]).toEqual([v, p, v < p ? -1 : v > p ? 1 : 0])
        expect([v, p, packed.equals(i, p)]).toEqual([v, p, v === p])
        expect([v, p, packed.includes(i, p)]).toEqual([v, p, v.includes(p)])
        if (p.length > 1) expect([v, p.slice(1), packed.includes(i, p.slice(1))]).toEqual([v, p.slice(1), v.includes(p.slice(1))])
      }
    })
  })

  it('when two packed entries are compared, counted in code points or packs are joined, then each answers as the strings themselves', () => {
    const other = new PackedStrings([...VALUES].reverse())
    for (let i = 0; i < VALUES.length; i++) {
      expect(packed.codePoints(i)).toBe(Array.from(VALUES[i]).length) // '𠀋' is one code point, two code units
      for (let j = 0; j < VALUES.length; j++) {
        const b = VALUES[VALUES.length - 1 - j]
        expect([VALUES[i], b, Math.sign(packed.compareAt(i, other, j))]).toEqual([VALUES[i], b, VALUES[i] < b ? -1 : VALUES[i] > b ? 1 : 0])
      }
    }
    const joined = PackedStrings.concat([new PackedStrings(VALUES.slice(0, 5)), new PackedStrings([]), new PackedStrings(VALUES.slice(5))])
    expect(VALUES.map((_, i) => joined.get(i))).toEqual(VALUES)
    expect(joined.bytes).toBe(packed.bytes)
  })

  it('when a rank table holds many values in a small space, then every value finds its rank and others find none', () => {
    // Many values, so probes run past collisions; distinct by construction.
    const many = Array.from({ length: 5000 }, (_, i) => `${VALUES[i % VALUES.length]}#${i}`)
    const table = new RankTable(new PackedStrings(many), many.length)
    many.forEach((v, i) => expect(table.get(v)).toBe(i))
    for (const absent of ['', '#', 'a#2', `${VALUES[1]}#5000`, '阳光#5']) expect(table.get(absent)).toBeUndefined()
  })
})

describe("the index's syllable splits", () => {
  it('when names are split once at build time, then each split is the one a highlight finds (columns, else the dictionary)', () => {
    const names = [...generateSample({ institutions: 3000 }).institutions.map((i) => i.name), '南宁南安', '南南', '安安', 'ABC舞蹈（厦门）', '厦门市1号', '长乐长安', '𠀋舞', '舞']
    const docs = names.map((name, k) => {
      const c = nameSearchColumns(name)
      return { id: `id${k}`, name, status: 'approved' as const, category: 'arts' as const, district: 'siming' as const, address: '', lat: 24.5, lng: 118.1, uscc: `U${k}`, licenseNo: `L${k}`, pinyin: c.name_pinyin, initials: c.name_initials }
    })
    // Columns that belong to no split at all, as a row written by another version could hold.
    docs.push({ ...docs[0], id: 'odd', uscc: 'Uodd', licenseNo: 'Lodd', pinyin: 'x', initials: 'xyz' })
    const index = new MemoryIndex(docs, 0)
    for (const d of docs) {
      const got = index.syllablesAt(index.rankOf(d.id)!)
      expect({ name: d.name, got }).toEqual({ name: d.name, got: d.id === 'odd' ? null : syllablesFromColumns(d.name, d.pinyin, d.initials) ?? syllables(d.name) })
    }
  })

  it("when a pinyin search answers, then each hit carries its name's syllables: the build's for a base row, a changed row's split by the same rule, and a row gone is not answered", () => {
    const names = generateSample({ institutions: 400 }).institutions.map((i) => i.name)
    const docs = names.map((name, k) => {
      const c = nameSearchColumns(name)
      return { id: `id${k}`, name, status: 'approved' as const, category: 'arts' as const, district: 'siming' as const, address: '', lat: 24.5, lng: 118.1, uscc: `U${k}`, licenseNo: `L${k}`, pinyin: c.name_pinyin, initials: c.name_initials }
    })
    const base = new MemoryIndex(docs, 0)
    // The hit for `d` of a search for d's whole pinyin, from `index` (nearest first too: the other way a page is read).
    type Searchable = Pick<OverlaidIndex, 'search'>
    const hitOf = (index: Searchable, d: (typeof docs)[number], near = false) =>
      index.search({ query: { kind: 'pinyin', term: d.pinyin }, limit: 50, sortByDistance: near, ...(near ? { near: { lat: 24.5, lng: 118.1 } } : {}) }).hits.find((h) => h.doc.id === d.id)
    // Nothing changed (the overlay holds no dead marks at all, and answers from the base): every row from the build.
    const untouched = new OverlaidIndex(base, new Map())
    for (const d of docs) expect({ id: d.id, got: hitOf(untouched, d)?.syllables }).toEqual({ id: d.id, got: base.syllablesAt(base.rankOf(d.id)!) })
    // A search for something else carries none.
    expect(untouched.search({ query: { kind: 'chinese', term: docs[0].name }, limit: 5, sortByDistance: false }).hits[0]).not.toHaveProperty('syllables')
    // One row renamed, one new, one gone: the overlay merges its rows with the base's.
    const renamed = { ...docs[1], name: '长乐长安舞蹈', ...(({ name_pinyin, name_initials }) => ({ pinyin: name_pinyin, initials: name_initials }))(nameSearchColumns('长乐长安舞蹈')) }
    const added = { ...docs[2], id: 'new', uscc: 'Unew', licenseNo: 'Lnew', name: '西安编程', ...(({ name_pinyin, name_initials }) => ({ pinyin: name_pinyin, initials: name_initials }))(nameSearchColumns('西安编程')) }
    const overlaid = new OverlaidIndex(base, new Map([[renamed.id, renamed], [added.id, added], [docs[3].id, null]]))
    for (const near of [false, true]) {
      // As the build splits: from the columns, else the dictionary (as a fresh build with the change would).
      expect(hitOf(overlaid, renamed, near)?.syllables).toEqual(syllablesFromColumns(renamed.name, renamed.pinyin, renamed.initials) ?? syllables(renamed.name))
      expect(hitOf(overlaid, added, near)?.syllables).toEqual(syllablesFromColumns(added.name, added.pinyin, added.initials) ?? syllables(added.name))
      expect(hitOf(overlaid, renamed, near)?.syllables).toHaveLength(6)
      expect(hitOf(overlaid, added, near)?.syllables).toHaveLength(4)
      expect(hitOf(overlaid, docs[3], near)).toBeUndefined()
      for (const d of docs.slice(4)) expect({ id: d.id, got: hitOf(overlaid, d, near)?.syllables }).toEqual({ id: d.id, got: base.syllablesAt(base.rankOf(d.id)!) })
    }
  })
})
