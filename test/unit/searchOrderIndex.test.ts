// The list-order index of migration 010 serves search only while the queries build the very same expression; the
// nearest-first filters index of migration 031 only while the walks code the filters as it did.
import { STATUS_RANK_SQL } from '../../cloud/store/migrations/010_search_order'
import { statusRankText } from '../../cloud/store/institutionRepo'
import { CATEGORY_CODES, DISTRICT_CODES, STATUS_CODE_SQL } from '../../cloud/store/migrations/031_nearest_filters_as_codes'
import { CATEGORIES, DISTRICTS, INSTITUTION_STATUSES, STATUS_RANK } from '../../src/domain/catalog'

describe('the status rank the list-order index was built on', () => {
  it('when search orders by status rank, then its expression is the very text migration 010 indexed', () => {
    expect(statusRankText()).toBe(STATUS_RANK_SQL)
  })
})

describe('the codes the nearest-first filters index was built on', () => {
  it('when a walk names a district, a status or a category, then its code is the value\'s place in the lists migration 031 froze', () => {
    // A value missing from the frozen lists would have no code, and its walks would find nothing: a district or a
    // category added since needs a migration of the index too.
    expect([...DISTRICT_CODES]).toEqual([...DISTRICTS])
    expect([...CATEGORY_CODES]).toEqual([...CATEGORIES])
    // The status's code is its list rank, the same CASE as migration 010's.
    expect(INSTITUTION_STATUSES.map((s) => STATUS_RANK[s])).toEqual(INSTITUTION_STATUSES.map((_, k) => k))
    expect(STATUS_CODE_SQL).toBe(`${STATUS_RANK_SQL}::int2`)
  })
})
