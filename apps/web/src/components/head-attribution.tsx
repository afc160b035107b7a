import { getFeatureView } from '@/lib/queries/feature';
import { headChartLayout, type HeadShare } from './head-attribution-layout';
import chartStyles from './activation-histogram.module.css';
import styles from './head-attribution.module.css';
import { renderFromApi } from './render-from-api';

const BOX = { width: 640, height: 220, left: 48, right: 8, top: 18, bottom: 36 };

/** Bars of each attention head's share of the decoder row (squared norm), drawn as SVG on the server. */
export function HeadAttributionChart({ shares }: { shares: readonly HeadShare[] }) {
  const layout = headChartLayout(shares, BOX);
  const labelEvery = Math.ceil(shares.length / 16);
  return (
    <svg
      className={`${chartStyles.chart} ${styles.chart}`}
      viewBox={`0 0 ${BOX.width} ${BOX.height}`}
      role="img"
      aria-label={`Share of the decoder row's squared norm in each of ${shares.length} attention heads`}
    >
      {layout.ticks.map((tick) => (
        <g key={tick.share} className={chartStyles.gridLine}>
          <line x1={BOX.left} x2={BOX.width - BOX.right} y1={tick.y} y2={tick.y} />
          <text x={BOX.left - 6} y={tick.y} dy="0.32em" textAnchor="end">
            {`${Math.round(tick.share * 100)}%`}
          </text>
        </g>
      ))}
      {layout.bars.map((bar, i) => (
        <g key={bar.head}>
          <rect className={chartStyles.bar} x={bar.x} y={bar.y} width={bar.width} height={bar.height} data-head={bar.head} data-share={bar.share}>
            <title>{`Head ${bar.head}: ${bar.percent} of the decoder row's squared norm`}</title>
          </rect>
          {shares.length <= 16 ? (
            <text className={styles.value} x={bar.x + bar.width / 2} y={bar.y - 4} textAnchor="middle">
              {bar.percent}
            </text>
          ) : null}
          {i % labelEvery === 0 ? (
            <text className={chartStyles.tick} x={bar.x + bar.width / 2} y={layout.baseline + 16} textAnchor="middle">
              {bar.head}
            </text>
          ) : null}
        </g>
      ))}
      <line className={chartStyles.axisLine} x1={BOX.left} x2={BOX.width - BOX.right} y1={layout.baseline} y2={layout.baseline} />
      <text className={chartStyles.axisLabel} x={BOX.left + (BOX.width - BOX.left - BOX.right) / 2} y={BOX.height - 4} textAnchor="middle">
        Attention head
      </text>
    </svg>
  );
}

/** The feature page's head section: only for SAEs on attn.hook_z (the API answers null for others). */
export async function HeadAttribution({ featureId }: { featureId: string }) {
  return renderFromApi(async () => {
    const { headAttribution } = await getFeatureView(featureId);
    if (!headAttribution || headAttribution.length === 0) {
      return <p className="muted">No per-head attribution is stored for this feature.</p>;
    }
    const strongest = headAttribution.reduce((best, s) => (s.share > best.share ? s : best));
    return (
      <figure className="card" data-testid="head-attribution">
        <figcaption className="muted small">
          Each head&apos;s share of the decoder row&apos;s squared norm (‖W_dec[head slice]‖² ÷ ‖W_dec‖²; shares sum to 100%).
          Strongest: head {strongest.head}.
        </figcaption>
        <HeadAttributionChart shares={headAttribution} />
      </figure>
    );
  });
}
