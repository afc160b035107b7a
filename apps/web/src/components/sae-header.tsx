import type { SaeDetail } from '@/lib/queries/sae';
import { formatCompact, formatInteger, formatPercent, formatValue } from '@/lib/format';
import { modelHref, saeName } from '@/lib/routes';
import { Breadcrumbs } from './breadcrumbs';
import { StatGrid, type Stat } from './stat-grid';

function saeStats(sae: SaeDetail): Stat[] {
  const stats: Stat[] = [
    { label: 'Width', value: formatInteger(sae.width), detail: `d_in ${formatInteger(sae.dIn)}` },
    { label: 'k', value: sae.k ?? '—', detail: sae.architecture },
  ];
  if (sae.metrics) {
    stats.push(
      { label: 'L0', value: formatValue(sae.metrics.l0), detail: 'active features / token' },
      { label: 'FVU', value: formatValue(sae.metrics.fvu), detail: 'variance unexplained' },
      { label: 'Dead', value: formatPercent(sae.metrics.deadFraction), detail: 'never fired' },
    );
  }
  if (sae.atoms) {
    const bound = sae.atoms.maxUniqueSupport === null ? 'any K' : `K ≤ ${formatInteger(sae.atoms.maxUniqueSupport)}`;
    stats.push(
      { label: 'R²', value: formatValue(sae.atoms.r2), detail: 'mean over dimensions' },
      { label: 'Coherence μ', value: formatValue(sae.atoms.coherence), detail: 'max |cos| of two atoms' },
      { label: 'q*', value: formatPercent(sae.atoms.uniqueShare), detail: `tokens with a unique code (${bound})` },
      { label: 'AIP', value: formatValue(sae.atoms.aip), detail: 'whitened input · reconstruction' },
    );
  }
  if (sae.trainingTokens != null) stats.push({ label: 'Trained on', value: `${formatCompact(sae.trainingTokens)} tokens` });
  if (sae.statisticsTokens != null) {
    stats.push({
      label: 'Statistics over',
      value: `${formatCompact(sae.statisticsTokens)} tokens`,
      detail: sae.corpusName ? `of ${sae.corpusName}` : undefined,
    });
  }
  return stats;
}

export function SaeHeader({ sae }: { sae: SaeDetail }) {
  return (
    <header className="page-header">
      <Breadcrumbs items={[{ label: 'Models', href: '/' }, { label: sae.model.displayName, href: modelHref(sae.model.id) }, { label: `${sae.hookName} · ${saeName(sae.id)}` }]} />
      <h1>
        <span className="mono">{sae.hookName}</span> <span className="muted">· {saeName(sae.id)}</span>
      </h1>
      <p className="id-line mono">{sae.id}</p>
      <StatGrid stats={saeStats(sae)} />
    </header>
  );
}
