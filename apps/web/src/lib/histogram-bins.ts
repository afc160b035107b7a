import { formatValue } from './format';
import type { Histogram } from './queries/types';

export interface HistogramBin {
  /** Axis label: the bin's lower edge. */
  label: string;
  /** "[0.12, 0.15)" for tooltips. */
  range: string;
  low: number;
  high: number;
  count: number;
  /** The count, or undefined when 0, so a log axis draws no bar instead of failing on log(0). */
  logSafeCount: number | undefined;
}

/** Pairs `counts[i]` with its edges `[edges[i], edges[i+1])`. */
export function histogramBins({ edges, counts }: Histogram): HistogramBin[] {
  return counts.map((count, i) => {
    const low = edges[i] ?? 0;
    const high = edges[i + 1] ?? low;
    const last = i === counts.length - 1;
    return {
      label: formatValue(low, 2),
      range: `[${formatValue(low)}, ${formatValue(high)}${last ? ']' : ')'}`,
      low,
      high,
      count,
      logSafeCount: count > 0 ? count : undefined,
    };
  });
}
