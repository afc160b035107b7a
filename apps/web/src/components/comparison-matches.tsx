import Link from 'next/link';
import { formatValue } from '@/lib/format';
import type { ComparisonMatchEdge } from '@/lib/queries/comparison';
import { featureHrefFromId } from '@/lib/routes';
import { tokenWindow } from '@/lib/token-window';
import { TokenLine } from './token-line';

type MatchedFeature = ComparisonMatchEdge['featureA'];

/** One side of a pair: its link, label and strongest context, clipped around the strongest token. */
function MatchedFeatureCell({ feature }: { feature: MatchedFeature }) {
  const [top] = feature.topActivations;
  const window = top ? tokenWindow(top.tokens.length, top.maxPosition) : undefined;
  return (
    <td>
      <Link href={featureHrefFromId(feature.id)}>#{feature.index}</Link>{' '}
      <span className="muted small">{feature.label?.text ?? ''}</span>
      {top && window ? (
        <div className="small">
          <TokenLine tokens={top.tokens} values={top.values} maxActivation={top.maxValue} maxPosition={top.maxPosition} start={window.start} end={window.end} nowrap />
        </div>
      ) : null}
    </td>
  );
}

/** The method's pairing, best score first: both features with their strongest context side by side. */
export function ComparisonMatches({ edges }: { edges: readonly ComparisonMatchEdge[] }) {
  if (edges.length === 0) return <p className="muted">No pairs on this page.</p>;
  return (
    <div className="table-scroll card">
      <table className="data-table" data-testid="comparison-matches">
        <thead>
          <tr>
            <th className="num">Score</th>
            <th>Feature A</th>
            <th>Feature B</th>
          </tr>
        </thead>
        <tbody>
          {edges.map((edge) => (
            <tr key={`${edge.featureA.id}→${edge.featureB.id}`}>
              <td className="num" title={edge.mutual ? 'mutual best match' : 'not each other’s best match'}>
                {formatValue(edge.score)}{edge.mutual ? ' ⇄' : ''}
              </td>
              <MatchedFeatureCell feature={edge.featureA} />
              <MatchedFeatureCell feature={edge.featureB} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
