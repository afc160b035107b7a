/** A token as a label shows it: trimmed, with whitespace-only tokens named rather than blank. */
export function readableToken(token: string): string {
  const trimmed = token.trim();
  if (trimmed.length > 0) return trimmed;
  if (token.includes('\n')) return '⏎';
  if (token.includes('\t')) return '⇥';
  return token.length > 0 ? '␣' : '∅';
}

/** Tokens that start a new word carry its leading space (GPT-2 style BPE); the rest continue one. */
const startsWord = (token: string) => /^\s/.test(token) || !/^[\p{L}\p{N}]/u.test(token);
const isWordPiece = (token: string) => /^[\p{L}\p{N}]+$/u.test(token.trim());

/** The token range [first, last] of the word a token sits in (BPE splits words into pieces). */
export function wordSpan(tokens: readonly string[], position: number): { first: number; last: number } {
  if (!isWordPiece(tokens[position] ?? '')) return { first: position, last: position };
  let first = position;
  while (first > 0 && !startsWord(tokens[first]!) && isWordPiece(tokens[first - 1]!)) first -= 1;
  let last = position;
  while (last + 1 < tokens.length && !startsWord(tokens[last + 1]!) && isWordPiece(tokens[last + 1]!)) last += 1;
  return { first, last };
}

/** The whole word a token sits in ("ation" reads better as "nation"); the token itself outside words. */
export function wordAround(tokens: readonly string[], position: number): string {
  const { first, last } = wordSpan(tokens, position);
  return first === last ? readableToken(tokens[position] ?? '') : tokens.slice(first, last + 1).join('').trim();
}
