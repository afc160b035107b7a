import type { CSSProperties } from 'react';
import { activationBackground } from '@/lib/activation-color';
import { formatValue } from '@/lib/format';
import { displayToken, quoteToken, splitLeadingSpace } from '@/lib/token-display';
import styles from './tokens.module.css';

export interface TokenHighlightProps {
  token: string;
  value: number;
  /** The feature's max activation: the value that gets full colour. */
  maxActivation: number;
  /** Marks the example's strongest token. */
  isMax?: boolean;
  /** First token shown on its line: its leading space is dropped (no indent). */
  first?: boolean;
}

/**
 * One token, its background proportional to value / maxActivation. Carries `data-value`
 * (the exact activation) and `token-active` when it fired; hover shows the value. A leading
 * space stays outside the coloured span, so a wrapped line never ends in a coloured sliver.
 */
export function TokenHighlight({ token, value, maxActivation, isMax = false, first = false }: TokenHighlightProps) {
  const { lead, rest } = splitLeadingSpace(token);
  const { text, whitespaceOnly } = displayToken(rest);
  const active = value > 0;
  const className = [
    styles.token,
    active ? `token-active ${styles.active}` : null,
    whitespaceOnly ? styles.whitespace : null,
    isMax ? styles.max : null,
  ]
    .filter(Boolean)
    .join(' ');
  const background = activationBackground(value, maxActivation);
  return (
    <>
      {first ? null : lead}
      <span
        className={className}
        data-value={value}
        data-tip={active ? formatValue(value, 4) : undefined}
        title={`${quoteToken(token)} · activation ${value}`}
        // The colour goes in a custom property: the stylesheet decides how it is drawn (light or dark).
        style={background ? ({ '--activation': background } as CSSProperties) : undefined}
      >
        {text}
      </span>
    </>
  );
}
