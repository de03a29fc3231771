export interface Segment {
  text: string
  hit: boolean
}

/** Cuts `text` into plain and matched runs; ranges are [start, end) and may overlap or run past the end. */
export function splitHighlight(text: string, ranges: [number, number][] | undefined): Segment[] {
  if (!ranges || ranges.length === 0) return [{ text, hit: false }]
  const marks = new Array<boolean>(text.length).fill(false)
  for (const [start, end] of ranges) {
    for (let i = Math.max(0, start); i < Math.min(text.length, end); i++) marks[i] = true
  }
  const out: Segment[] = []
  for (let i = 0; i < text.length; i++) {
    const last = out[out.length - 1]
    if (last && last.hit === marks[i]) last.text += text[i]
    else out.push({ text: text[i], hit: marks[i] })
  }
  return out.length ? out : [{ text, hit: false }]
}
