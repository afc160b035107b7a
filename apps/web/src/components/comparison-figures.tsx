import { formatValue } from '@/lib/format';
import type { ComparisonPage } from '@/lib/queries/comparison';

/** The comparison's figures beside their nulls (random pairings or rotations) and p-values. */
export function ComparisonFigures({ figures }: { figures: ComparisonPage['figures'] }) {
  return (
    <div className="table-scroll card">
      <table className="data-table" data-testid="comparison-figures">
        <thead>
          <tr>
            <th>Figure</th>
            <th className="num">Value</th>
            <th className="num">Null mean ± sd</th>
            <th className="num">Null max</th>
            <th className="num">p</th>
            <th>What it is</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((figure) => (
            <tr key={figure.name}>
              <td><code>{figure.name}</code></td>
              <td className="num"><strong>{formatValue(figure.value)}</strong></td>
              <td className="num" title={figure.null ? `${figure.null.kind} null, ${figure.null.draws} draws` : undefined}>
                {figure.null ? `${formatValue(figure.null.mean)} ± ${formatValue(figure.null.sd)} (${figure.null.kind})` : '—'}
              </td>
              <td className="num">{figure.null ? formatValue(figure.null.max) : '—'}</td>
              <td className="num">{figure.pValue === null ? '—' : formatValue(figure.pValue)}</td>
              <td className="muted small">{figure.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
