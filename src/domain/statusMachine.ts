// One shape for every status machine (complaints, institutions, next observations): the statuses, the actions
// that move between them with the permission each needs (src/domain/access.ts), and named groups of statuses
// (open / answered / closed …) that SQL filters and badges read instead of repeating lists. Pure: a verdict
// returns the next status and saves nothing.
import type { Permission } from './access'

export interface MachineAction<S extends string> {
  /** From each status the action applies in, to the status it leads to. */
  from: Readonly<Partial<Record<S, S>>>
  /** Who may take it. */
  permission: Permission
  /** The Chinese verb, for "cannot …" messages: 受理, 撤回. */
  words: string
}

export interface StatusMachine<S extends string, A extends string, G extends string> {
  /** What the machine is about, in Chinese: 举报, 机构. */
  noun: string
  statuses: readonly S[]
  label: Readonly<Record<S, string>>
  actions: Readonly<Record<A, MachineAction<S>>>
  groups: Readonly<Record<G, readonly S[]>>
}

export function defineMachine<S extends string, A extends string, G extends string>(m: StatusMachine<S, A, G>): StatusMachine<S, A, G> {
  const known = new Set<string>(m.statuses)
  for (const [name, a] of Object.entries<MachineAction<S>>(m.actions)) {
    for (const [from, to] of Object.entries(a.from)) {
      if (!known.has(from) || !known.has(to as string)) throw new Error(`${m.noun}: action ${name} names an unknown status`)
    }
  }
  for (const [name, list] of Object.entries<readonly S[]>(m.groups)) {
    if (list.some((s) => !known.has(s))) throw new Error(`${m.noun}: group ${name} names an unknown status`)
  }
  return Object.freeze({ ...m, groups: Object.freeze({ ...m.groups }), actions: Object.freeze({ ...m.actions }) })
}

export type StepVerdict<S extends string> = { ok: true; next: S } | { ok: false; message: string }

/** Where `action` takes a record in status `current`, or why it cannot. */
export function step<S extends string, A extends string, G extends string>(m: StatusMachine<S, A, G>, current: S, action: A): StepVerdict<S> {
  const next = m.actions[action].from[current]
  if (!next) return { ok: false, message: `${m.noun}当前为“${m.label[current]}”，不能${m.actions[action].words}` }
  return { ok: true, next }
}

/** The actions that lead straight from `from` to `to` (for machines whose callers name the wanted status). */
export function actionsBetween<S extends string, A extends string, G extends string>(m: StatusMachine<S, A, G>, from: S, to: S): A[] {
  return (Object.keys(m.actions) as A[]).filter((a) => m.actions[a].from[from] === to)
}

export type ChangeVerdict = { ok: true; changed: boolean } | { ok: false; message: string }

/** Whether a record may go from `from` to `to` in one action; staying put is allowed and changes nothing. */
export function change<S extends string, A extends string, G extends string>(m: StatusMachine<S, A, G>, from: S, to: S): ChangeVerdict {
  if (from === to) return { ok: true, changed: false }
  if (actionsBetween(m, from, to).length) return { ok: true, changed: true }
  return { ok: false, message: `${m.noun}当前为“${m.label[from]}”，不能直接改为“${m.label[to]}”` }
}

/** The actions possible from a status. */
export function actionsFrom<S extends string, A extends string, G extends string>(m: StatusMachine<S, A, G>, status: S): A[] {
  return (Object.keys(m.actions) as A[]).filter((a) => m.actions[a].from[status] !== undefined)
}

export function inGroup<S extends string, A extends string, G extends string>(m: StatusMachine<S, A, G>, group: G, status: S): boolean {
  return m.groups[group].includes(status)
}
