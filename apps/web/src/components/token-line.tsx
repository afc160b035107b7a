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

/** A context as a line of highlighted tokens. */
export function TokenLine({ tokens, values, maxActivation, maxPosition, start = 0, end, nowrap = false }: TokenLineProps) {
  const stop = end ?? tokens.length;
  return (
    <span className={`${styles.line} ${nowrap ? styles.nowrap : ''}`}>
      {start > 0 ? <span className={styles.ellipsis}>…</span> : null}
      {tokens.slice(start, stop).map((token, i) => {
        const position = start + i;
        return (
          <TokenHighlight
            key={position}
            token={token}
            value={values[position] ?? 0}
            maxActivation={maxActivation}
            isMax={position === maxPosition}
          />
        );
      })}
      {stop < tokens.length ? <span className={styles.ellipsis}>…</span> : null}
    </span>
  );
}
