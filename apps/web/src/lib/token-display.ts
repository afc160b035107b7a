/**
 * How a token string is shown. Byte-level BPE tokens often start with a space; that stays a real
 * space so text reads naturally, but a token made only of whitespace shows its characters
 * (· for a space), and newlines / tabs / carriage returns become ↵ / → / ␍ everywhere.
 */

const VISIBLE: Record<string, string> = { '\n': '↵', '\t': '→', '\r': '␍', ' ': '·' };

export interface TokenDisplay {
  /** What to render. */
  text: string;
  /** True when the token is only whitespace (styled as a marker, not text). */
  whitespaceOnly: boolean;
}

export function displayToken(token: string): TokenDisplay {
  if (token.length === 0) return { text: '∅', whitespaceOnly: true };
  if (/^\s+$/.test(token)) {
    return { text: [...token].map((ch) => VISIBLE[ch] ?? '·').join(''), whitespaceOnly: true };
  }
  return { text: token.replace(/[\n\t\r]/g, (ch) => VISIBLE[ch] ?? ch), whitespaceOnly: false };
}

/**
 * A token split into its leading spaces and the rest, for highlighting: only `rest` is coloured,
 * so a highlighted ` the` that wraps leaves no coloured sliver at the end of the line above.
 * Whitespace-only tokens keep everything in `rest` (they are shown as markers).
 */
export function splitLeadingSpace(token: string): { lead: string; rest: string } {
  const match = /^ +(?=\S)/.exec(token);
  if (!match) return { lead: '', rest: token };
  return { lead: match[0], rest: token.slice(match[0].length) };
}

/** The token quoted for a tooltip, with escapes for invisible characters: ` the\n` → `" the\n"`. */
export function quoteToken(token: string): string {
  return JSON.stringify(token);
}

/**
 * Tokens that are not readable text on their own: a lone byte of a multi-byte character
 * (`<0x88>`, as @atlas/model shows it, or U+FFFD) and control characters other than
 * newline / tab / carriage return. Byte-level tokenizers keep all 256 bytes in the vocabulary
 * whether or not training text used them, so these dominate logit lists without meaning anything.
 */
export function isByteOrControlToken(token: string): boolean {
  if (/<0x[0-9A-Fa-f]{2}>/.test(token) || token.includes('\uFFFD')) return true;
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(token);
}
