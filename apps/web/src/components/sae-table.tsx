import Link from 'next/link';
import type { ModelSaeSummary } from '@/lib/queries/models';
import { formatInteger, formatPercent, formatValue } from '@/lib/format';
import { saeHref, saeName } from '@/lib/routes';

/** A model's SAEs, one row each, linking to the SAE page. */
export function SaeTable({ saes }: { saes: ModelSaeSummary[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Hook</th>
            <th scope="col">Architecture</th>
            <th scope="col" className="num">Width</th>
            <th scope="col" className="num">k</th>
            <th scope="col" className="num" title="Mean number of active features per token">L0</th>
            <th scope="col" className="num" title="Fraction of variance unexplained">FVU</th>
            <th scope="col" className="num" title="Share of features that never fired">Dead</th>
          </tr>
        </thead>
        <tbody>
          {saes.map((sae) => (
            <tr key={sae.id}>
              <td>
                <Link href={saeHref(sae.id)} className="mono">
                  {sae.hookName}
                </Link>{' '}
                <span className="muted mono">{saeName(sae.id)}</span>
              </td>
              <td>{sae.architecture}</td>
              <td className="num">{formatInteger(sae.width)}</td>
              <td className="num">{sae.k ?? '—'}</td>
              <td className="num">{sae.metrics ? formatValue(sae.metrics.l0) : '—'}</td>
              <td className="num">{sae.metrics ? formatValue(sae.metrics.fvu) : '—'}</td>
              <td className="num">{sae.metrics ? formatPercent(sae.metrics.deadFraction) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
