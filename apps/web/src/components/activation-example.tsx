import type { ActivationExample as Example } from '@/lib/queries/types';
import { formatValue } from '@/lib/format';
import { tokenWindow } from '@/lib/token-window';
import { TokenLine } from './token-line';

/** Tokens shown before and after an example's strongest token: a context reads in a line or two. */
const BEFORE = 24;
const AFTER = 12;

/**
 * One activating context: rank, its max value, and the tokens around the strongest one coloured
 * by activation (the whole context is in the API; ellipses mark the cut). `showRank` is off where
 * the rank means nothing to a reader (quantile examples).
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
  const { start, end } = tokenWindow(example.tokens.length, example.maxPosition, BEFORE, AFTER);
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
        start={start}
        end={end}
      />
    </li>
  );
}
