import type { ReactNode } from 'react';
import { displayToken } from '@/lib/token-display';
import { TokenHighlight } from './token-highlight';
import styles from './tokens.module.css';

export interface TokenLineProps {
  tokens: string[];
  values: number[];
  maxActivation: number;
  /** Index in `tokens` of the strongest token, outlined. */
  maxPosition?: number;
  /** Show only tokens[start, end); ellipses mark what was cut. */
  start?: number;
  end?: number;
  /** One line, clipped (previews) instead of wrapping. */
  nowrap?: boolean;
}

/**
 * A context as a line of highlighted tokens. Runs of tokens where the feature did not fire are
 * one plain text node (whitespace-only tokens keep their markers): a page of contexts then
 * carries one element per active token, not one per token, which keeps its HTML small.
 */
export function TokenLine({ tokens, values, maxActivation, maxPosition, start = 0, end, nowrap = false }: TokenLineProps) {
  const stop = end ?? tokens.length;
  const parts: ReactNode[] = [];
  let plain = '';
  const flush = () => {
    if (plain) parts.push(plain);
    plain = '';
  };
  for (let position = start; position < stop; position += 1) {
    const token = tokens[position] ?? '';
    const value = values[position] ?? 0;
    const first = position === start;
    const shown = displayToken(token);
    if (value <= 0 && position !== maxPosition && !shown.whitespaceOnly) {
      plain += first ? shown.text.trimStart() : shown.text;
      continue;
    }
    flush();
    parts.push(
      <TokenHighlight
        key={position}
        token={token}
        value={value}
        maxActivation={maxActivation}
        isMax={position === maxPosition}
        first={first}
      />,
    );
  }
  flush();
  return (
    <span className={`${styles.line} ${nowrap ? styles.nowrap : ''}`}>
      {start > 0 ? <span className={styles.ellipsis}>…</span> : null}
      {parts}
      {stop < tokens.length ? <span className={styles.ellipsis}>…</span> : null}
    </span>
  );
}
