import type { FeatureView } from '@/lib/queries/feature';
import { formatCompact, formatOneIn, formatPercent, formatValue } from '@/lib/format';
import { saeName } from '@/lib/routes';
import { Breadcrumbs, saeCrumbs } from './breadcrumbs';
import { FeatureNav } from './feature-nav';
import { StatGrid } from './stat-grid';

const LABEL_SOURCE_PILL = { HUMAN: 'human label', MACHINE: 'machine label', LLM: 'LLM label' } as const;

export function FeatureHeader({ feature }: { feature: FeatureView }) {
  const { sae } = feature;
  const statistics =
    sae.statisticsTokens != null
      ? `over ${formatCompact(sae.statisticsTokens)} tokens${sae.corpusName ? ` of ${sae.corpusName}` : ''}`
      : undefined;
  return (
    <header className="page-header">
      <Breadcrumbs items={saeCrumbs(sae, `Feature ${feature.index}`)} />
      <h1>
        Feature {feature.index}
        {feature.label ? <span className="feature-label"> — {feature.label.text}</span> : null}
      </h1>
      <p className="id-line">
        <span className="mono">{feature.id}</span>
        {feature.label ? <span className="pill">{LABEL_SOURCE_PILL[feature.label.source]}</span> : <span className="pill">unlabelled</span>}
      </p>
      <StatGrid
        stats={[
          { label: 'Density', value: formatPercent(feature.density), detail: formatOneIn(feature.density) ?? 'never fires' },
          { label: 'Max activation', value: formatValue(feature.maxActivation, 4) },
          { label: 'Mean activation', value: formatValue(feature.meanActivation, 4) },
          {
            label: 'Encoder · decoder cosine',
            value: feature.encoderDecoderCosine != null ? formatValue(feature.encoderDecoderCosine, 3) : '—',
            detail: feature.encoderDecoderCosine != null ? 'encoder column vs decoder row' : 'not computed',
          },
          { label: 'Quality', value: qualityFlag(feature), detail: qualityDetail(feature) },
          { label: 'SAE', value: saeName(sae.id), detail: statistics },
        ]}
      />
      <FeatureNav saeId={sae.id} index={feature.index} width={sae.width} />
    </header>
  );
}

function qualityFlag(feature: FeatureView): string {
  if (feature.isDead) return 'dead';
  if (feature.isDense) return 'dense';
  return 'ok';
}

function qualityDetail(feature: FeatureView): string {
  if (feature.isDead) return 'never fired on the statistics tokens';
  if (feature.isDense) return 'fires on more than 10% of tokens';
  return 'neither dead nor dense';
}
