/** The calendar day in Xiamen (UTC+8, no daylight saving), whatever the server's or browser's zone. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}
