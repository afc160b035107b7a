/** One model run over `[start, start + length)` of the tokens, of which `[keepFrom, keepTo)` are kept. */
export interface TokenWindow {
  start: number;
  length: number;
  keepFrom: number;
  keepTo: number;
}

/**
 * Overlapping windows of at most `size` tokens covering `tokenCount` tokens: the first keeps all
 * it runs; each later one starts `stride` tokens after the last kept token's window start would
 * leave ≥ size − stride tokens of context, and keeps only tokens not kept before. Every token is
 * kept exactly once, with at least `size − stride` tokens before it (or all there are).
 */
export function tokenWindows(tokenCount: number, size: number, stride = Math.max(1, Math.ceil(size / 2))): TokenWindow[] {
  if (tokenCount <= 0) return [];
  if (tokenCount <= size) return [{ start: 0, length: tokenCount, keepFrom: 0, keepTo: tokenCount }];
  const windows: TokenWindow[] = [{ start: 0, length: size, keepFrom: 0, keepTo: size }];
  let keptTo = size;
  while (keptTo < tokenCount) {
    const start = Math.min(keptTo - (size - stride), tokenCount - size);
    const end = Math.min(start + size, tokenCount);
    windows.push({ start, length: end - start, keepFrom: keptTo, keepTo: end });
    keptTo = end;
  }
  return windows;
}
