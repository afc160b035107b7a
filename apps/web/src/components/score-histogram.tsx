import { formatInteger, formatValue } from '@/lib/format';
import styles from './activation-histogram.module.css';

const WIDTH = 960;
const HEIGHT = 220;
const PLOT = { left: 56, right: 16, top: 12, bottom: 40 };
const plotWidth = WIDTH - PLOT.left - PLOT.right;
const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;

/** Match scores (cosine or Pearson r) counted in equal bins over [lower, upper], as server-drawn SVG. */
export function ScoreHistogram({ lower, upper, counts, what }: { lower: number; upper: number; counts: readonly number[]; what: string }) {
  const top = Math.max(1, ...counts);
  const barWidth = plotWidth / Math.max(1, counts.length);
  const step = (upper - lower) / Math.max(1, counts.length);
  const baseline = PLOT.top + plotHeight;
  const total = counts.reduce((sum, count) => sum + count, 0);
  return (
    <svg className={styles.chart} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Histogram of ${formatInteger(total)} ${what} in ${counts.length} bins from ${lower} to ${upper}`}>
      <text className={styles.tick} x={PLOT.left - 8} y={PLOT.top} dy="0.8em" textAnchor="end">{formatInteger(top)}</text>
      {counts.map((count, i) => {
        const height = (plotHeight * count) / top;
        return (
          <rect key={i} className={styles.bar} x={PLOT.left + i * barWidth + 0.5} width={Math.max(0.5, barWidth - 1)} y={baseline - height} height={height} data-count={count}>
            <title>{`[${formatValue(lower + i * step, 2)}, ${formatValue(lower + (i + 1) * step, 2)}): ${formatInteger(count)}`}</title>
          </rect>
        );
      })}
      <line className={styles.axisLine} x1={PLOT.left} x2={WIDTH - PLOT.right} y1={baseline} y2={baseline} />
      {[0, 0.25, 0.5, 0.75, 1].map((fraction) => (
        <text key={fraction} className={styles.tick} x={PLOT.left + fraction * plotWidth} y={baseline + 16} textAnchor="middle">
          {formatValue(lower + fraction * (upper - lower), 2)}
        </text>
      ))}
    </svg>
  );
}
