// Asking V8 for a collection at the moments the search index knows a lot of memory just became garbage. V8 collects
// when it needs room, not when a build ends or a shard is switched out; those moments were the process's memory peaks
// while an index was rebuilt (bench §9, ANALYSIS §11).
//
// The gc extension's flag is V8's and process-wide, but it only puts a `gc` function on contexts created after it is
// set: the one-off context here, and any a vm creates later (a test runner's per file) — never the application's
// own, created when the process started.
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'

type Gc = (opts?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => unknown

let gc: Gc | null | undefined

function extension(): Gc | null {
  if (gc !== undefined) return gc
  try {
    v8.setFlagsFromString('--expose-gc')
    const found: unknown = runInNewContext('gc')
    gc = typeof found === 'function' ? (found as Gc) : null
  } catch {
    gc = null // no way to ask: V8 collects when it would have
  }
  return gc
}

/** A full collection now, on this thread (a build worker's, which serves nothing: it may pause). */
export function collectNow(): void {
  extension()?.()
}

/** A full collection started now and run in steps and on helper threads (V8's incremental and concurrent marking), so a
 *  serving thread is not held for it the way collectNow would hold it. */
export function collectSoon(): void {
  void extension()?.({ type: 'major', execution: 'async' })
}
