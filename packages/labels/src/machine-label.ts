import type { EvidenceContext, LabelEvidence } from './evidence.ts';
import { readableToken, wordAround, wordSpan } from './token-text.ts';

interface Tally {
  /** The surface form seen most often (first seen on ties). */
  display: string;
  count: number;
}

/** Counts strings case-insensitively, best first (ties: alphabetical, so labels are deterministic). */
function tally(values: readonly string[]): Tally[] {
  const byKey = new Map<string, Map<string, number>>();
  for (const value of values) {
    const key = value.toLowerCase();
    const forms = byKey.get(key) ?? new Map<string, number>();
    forms.set(value, (forms.get(value) ?? 0) + 1);
    byKey.set(key, forms);
  }
  return [...byKey]
    .map(([key, forms]) => {
      let display = '';
      let best = 0;
      let count = 0;
      for (const [form, n] of forms) {
        count += n;
        if (n > best) [display, best] = [form, n];
      }
      return { key, display, count };
    })
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const MAX_TOKEN_CHARS = 24;
const quoted = (text: string) => `"${text.length > MAX_TOKEN_CHARS ? `${text.slice(0, MAX_TOKEN_CHARS - 1)}…` : text}"`;

/** Peak tokens shown beyond the first need this share of the contexts (and at least two). */
const EXTRA_PEAK_SHARE = 0.15;
/** A neighbouring token is named when this share of peaks share it (and at least two). */
const BEFORE_SHARE = 0.3;
const AFTER_SHARE = 0.4;

const tokenAt = (context: EvidenceContext, offset: number) => context.tokens[context.maxPosition + offset];

/** The token just before (-1) or after (+1) the word the peak sits in. */
function besideWord(context: EvidenceContext, side: -1 | 1): string | undefined {
  const { first, last } = wordSpan(context.tokens, context.maxPosition);
  return context.tokens[side < 0 ? first - 1 : last + 1];
}

/**
 * A short, deterministic label from a feature's top-activating contexts: the tokens it peaks on
 * with how many contexts peak there, the whole word when the token is a piece of one, and the
 * token that usually comes just before (or after) the peak's word, e.g.
 * `"whale" (9/20) · "whales" (3/20) · after "the"` or `"ation" in "nation" (6/20)`.
 * Null when there is no evidence (a dead feature gets no label rather than a meaningless one).
 */
export function machineLabel(evidence: LabelEvidence): string | null {
  const contexts = evidence.contexts.filter((context) => context.tokens[context.maxPosition] !== undefined);
  const n = contexts.length;
  if (n === 0) return null;
  const peaks = tally(contexts.map((context) => readableToken(tokenAt(context, 0)!)));
  const shown = peaks.filter((peak, i) => i === 0 || (i < 3 && peak.count >= Math.max(2, EXTRA_PEAK_SHARE * n)));
  const parts = shown.map((peak) => {
    const words = tally(
      contexts
        .filter((context) => readableToken(tokenAt(context, 0)!).toLowerCase() === peak.display.toLowerCase())
        .map((context) => wordAround(context.tokens, context.maxPosition)),
    );
    const word = words[0];
    const inWord = word && word.display.toLowerCase() !== peak.display.toLowerCase() && word.count * 2 >= peak.count;
    return `${quoted(peak.display)}${inWord ? ` in ${quoted(word.display)}` : ''} (${peak.count}/${n})`;
  });
  // One peak token in few contexts says little on its own: mark the spread.
  if (shown.length === 1 && peaks.length > 1 && peaks[0]!.count < Math.max(2, EXTRA_PEAK_SHARE * n)) {
    parts.unshift('varied');
    for (const peak of peaks.slice(1, 3)) parts.push(`${quoted(peak.display)} (${peak.count}/${n})`);
  }
  const neighbour = (side: -1 | 1, share: number, word: string) => {
    const found = contexts.map((context) => besideWord(context, side)).filter((token) => token !== undefined);
    const best = tally(found.map(readableToken))[0];
    if (best && best.count >= Math.max(2, share * n)) parts.push(`${word} ${quoted(best.display)}`);
  };
  neighbour(-1, BEFORE_SHARE, 'after');
  neighbour(1, AFTER_SHARE, 'before');
  return parts.join(' · ');
}
