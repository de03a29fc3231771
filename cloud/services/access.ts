// The server's one gate: every service asks the access table (src/domain/access.ts) through these two functions.
import type { Account } from '../../src/domain/api'
import { can, PERMISSION_LABEL, type AccessTarget, type Permission } from '../../src/domain/access'
import { AppError } from '../../src/domain/errors'

/** The caller must be logged in. */
export function requireAccount(actor: Account | undefined, message = '请先登录'): Account {
  if (!actor) throw new AppError('unauthenticated', message)
  return actor
}

/**
 * The caller must be logged in (else unauthenticated) and hold `permission` on `target` (else forbidden). Give the
 * target whenever the permission is scoped: without one the question is "anywhere at all".
 */
export function requireCan(
  actor: Account | undefined,
  permission: Permission,
  target?: AccessTarget,
  messages: { unauthenticated?: string; forbidden?: string } = {},
): Account {
  const a = requireAccount(actor, messages.unauthenticated)
  if (!can(a, permission, target)) throw new AppError('forbidden', messages.forbidden ?? `您没有${PERMISSION_LABEL[permission]}的权限`)
  return a
}
