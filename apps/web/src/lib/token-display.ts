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

/** The token quoted for a tooltip, with escapes for invisible characters: ` the\n` → `" the\n"`. */
export function quoteToken(token: string): string {
  return JSON.stringify(token);
}
