import { activationBackground } from '@/lib/activation-color';
import { formatValue } from '@/lib/format';
import { displayToken, quoteToken } from '@/lib/token-display';
import styles from './tokens.module.css';

export interface TokenHighlightProps {
  token: string;
  value: number;
  /** The feature's max activation: the value that gets full colour. */
  maxActivation: number;
  /** Marks the example's strongest token. */
  isMax?: boolean;
}

/**
 * One token, its background proportional to value / maxActivation. Carries `data-value`
 * (the exact activation) and `token-active` when it fired; hover shows the value.
 */
export function TokenHighlight({ token, value, maxActivation, isMax = false }: TokenHighlightProps) {
  const { text, whitespaceOnly } = displayToken(token);
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
    <span
      className={className}
      data-value={value}
      data-tip={active ? formatValue(value, 4) : undefined}
      title={`${quoteToken(token)} · activation ${value}`}
      style={background ? { backgroundColor: background } : undefined}
    >
      {text}
    </span>
  );
}
