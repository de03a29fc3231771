// The one seeded PRNG behind the sample data, the sample cases and the benchmark's search terms.
// Same seed → same sequence: the sample must stay byte-identical, so change nothing here.

// Module-level copy: global look-ups are slow inside jest's vm context, and this runs millions of times.
const imul = Math.imul

/** mulberry32: small, fast, good enough for sample data. Returns numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = imul(t ^ (t >>> 15), t | 1)
    t ^= t + imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
