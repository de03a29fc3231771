import type { Institution, InstitutionListItem, InstitutionSearchInput, Page, VerifyAnswer } from '@/domain/api'
import { callFunction, type Result } from './transport'

export const PAGE_SIZE = 20

export function search(input: InstitutionSearchInput): Promise<Result<Page<InstitutionListItem>>> {
  return callFunction('institutions', 'search', { limit: PAGE_SIZE, ...input })
}

export function get(id: string): Promise<Result<Institution>> {
  return callFunction('institutions', 'get', { id })
}

export function verify(code: string): Promise<Result<VerifyAnswer>> {
  return callFunction('institutions', 'verify', { code })
}
