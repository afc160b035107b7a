import { formatCompact, formatInteger, formatValue } from '@/lib/format';
import { countAxis, edgeLabelIndices, type CountScale } from '@/lib/histogram-layout';
import type { Histogram } from '@/lib/queries/types';
import styles from './activation-histogram.module.css';

const WIDTH = 960;
const HEIGHT = 300;
const PLOT = { left: 64, right: 16, top: 12, bottom: 52 };
const plotWidth = WIDTH - PLOT.left - PLOT.right;
const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;

/**
 * The feature's non-zero activations as bars over the API's log-spaced bins, drawn as SVG on the
 * server. Equal-width bars over log-spaced edges make the x axis a log axis.
 */
export function ActivationHistogram({ histogram, scale }: { histogram: Histogram; scale: CountScale }) {
  const { edges, counts } = histogram;
  const axis = countAxis(Math.max(0, ...counts), scale);
  const barWidth = plotWidth / Math.max(1, counts.length);
  const y = (count: number) => PLOT.top + plotHeight * (1 - axis.position(count));
  const baseline = PLOT.top + plotHeight;
  return (
    <svg
      className={styles.chart}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Histogram of ${formatInteger(histogram.total)} non-zero activations over ${counts.length} log-spaced bins`}
    >
      {axis.ticks.map((tick) => (
        <g key={tick} className={styles.gridLine}>
          <line x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(tick)} y2={y(tick)} />
          <text x={PLOT.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
            {formatCompact(tick)}
          </text>
        </g>
      ))}
      {counts.map((count, i) => {
        const top = y(count);
        const low = edges[i] ?? 0;
        const high = edges[i + 1] ?? low;
        return (
          <rect
            key={i}
            className={styles.bar}
            x={PLOT.left + i * barWidth + 0.5}
            width={Math.max(0.5, barWidth - 1)}
            y={top}
            height={Math.max(0, baseline - top)}
            data-count={count}
          >
            <title>{`[${formatValue(low)}, ${formatValue(high)}): ${formatInteger(count)} activations`}</title>
          </rect>
        );
      })}
      <line className={styles.axisLine} x1={PLOT.left} x2={WIDTH - PLOT.right} y1={baseline} y2={baseline} />
      {edgeLabelIndices(edges.length).map((i) => (
        <text key={i} className={styles.tick} x={PLOT.left + i * barWidth} y={baseline + 16} textAnchor="middle">
          {formatValue(edges[i] ?? 0, 2)}
        </text>
      ))}
      <text className={styles.axisLabel} x={PLOT.left + plotWidth / 2} y={HEIGHT - 8} textAnchor="middle">
        Activation value (log-spaced bins)
      </text>
      <text
        className={styles.axisLabel}
        transform={`translate(16 ${PLOT.top + plotHeight / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        {scale === 'log' ? 'Count (log scale)' : 'Count'}
      </text>
    </svg>
  );
}
