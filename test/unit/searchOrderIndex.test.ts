// The list-order index of migration 010 serves search only while the queries build the very same expression.
import { STATUS_RANK_SQL } from '../../cloud/store/migrations/010_search_order'
import { statusRankText } from '../../cloud/store/institutionRepo'

describe('the status rank the list-order index was built on', () => {
  it('when search orders by status rank, then its expression is the very text migration 010 indexed', () => {
    expect(statusRankText()).toBe(STATUS_RANK_SQL)
  })
})
