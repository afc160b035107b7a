import type { ActivationExample as Example } from '@/lib/queries/types';
import { formatValue } from '@/lib/format';
import { TokenLine } from './token-line';

/**
 * One activating context: rank, its max value, and the tokens coloured by activation. `showRank`
 * is off where the rank means nothing to a reader (quantile examples).
 */
export function ActivationExample({
  example,
  maxActivation,
  showRank = true,
}: {
  example: Example;
  maxActivation: number;
  showRank?: boolean;
}) {
  return (
    <li className="example" data-rank={example.rank}>
      <span className="example-meta">
        {showRank ? <span className="example-rank">#{example.rank + 1}</span> : null}
        <span className="example-value" title="Maximum activation in this context">
          {formatValue(example.maxValue)}
        </span>
      </span>
      <TokenLine
        tokens={example.tokens}
        values={example.values}
        maxActivation={maxActivation}
        maxPosition={example.maxPosition}
      />
    </li>
  );
}
