// A pinyin highlight reads a name's syllables back from its stored pinyin and initials when only one split fits;
// that split must be the dictionary's, and it must be found for most names (else the dictionary is asked anyway).
import { generateSample } from '../../content/sample/generate'
import { nameSearchColumns, syllables, syllablesFromColumns } from '../../cloud/store/searchText'

describe('syllables from the stored pinyin and initials', () => {
  it('when 5,000 sample names and odd ones are split, then every split found is the dictionary split, and most are found', () => {
    const names = [...generateSample({ institutions: 5000 }).institutions.map((i) => i.name), '南宁南安', '安安', 'ABC舞蹈（厦门）', '厦门市1号', '长乐长安', '𠀋舞']
    let found = 0
    for (const name of names) {
      const c = nameSearchColumns(name)
      const got = syllablesFromColumns(name, c.name_pinyin, c.name_initials)
      if (got) {
        found++
        expect({ name, got }).toEqual({ name, got: syllables(name) })
      }
    }
    expect(found / names.length).toBeGreaterThan(0.8)
  })

  it('when two splits fit, or the columns do not belong to the name, then it gives none', () => {
    // "nannan" over initials "nn": nan|nan, n|annan… several fit.
    expect(syllablesFromColumns('南南', 'nannan', 'nn')).toBeUndefined()
    expect(syllablesFromColumns('舞蹈', 'wudao', 'w')).toBeUndefined()
    expect(syllablesFromColumns('舞蹈', 'wudao', 'xd')).toBeUndefined()
    expect(syllablesFromColumns('舞蹈', 'wudao', 'wd')).toEqual(['wu', 'dao'])
  })
})
