import type { ActivationExample as Example } from '@/lib/queries/types';
import { formatValue } from '@/lib/format';
import { TokenLine } from './token-line';

/** One top-activating context: rank, its max value, and the tokens coloured by activation. */
export function ActivationExample({ example, maxActivation }: { example: Example; maxActivation: number }) {
  return (
    <li className="example" data-rank={example.rank}>
      <span className="example-meta">
        <span className="example-rank">#{example.rank + 1}</span>
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
