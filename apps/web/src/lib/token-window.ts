/** The slice of tokens to preview around the strongest one: [start, end). */
export function tokenWindow(
  length: number,
  center: number,
  before = 6,
  after = 10,
): { start: number; end: number } {
  const clamped = Math.min(Math.max(0, center), Math.max(0, length - 1));
  const start = Math.max(0, clamped - before);
  const end = Math.min(length, clamped + after + 1);
  return { start, end };
}
