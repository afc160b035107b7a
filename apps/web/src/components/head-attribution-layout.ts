/** Pure geometry for the head-attribution bar chart: one bar per attention head, share 0..1. */

export interface HeadShare {
  head: number;
  share: number;
}

export interface HeadBar {
  head: number;
  share: number;
  x: number;
  width: number;
  /** Top of the bar; the baseline is at `plot.top + plot.height`. */
  y: number;
  height: number;
  /** Share as a percentage, for labels. */
  percent: string;
}

export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface HeadChartLayout {
  bars: HeadBar[];
  /** Y axis ticks (shares) and their pixel positions. */
  ticks: { share: number; y: number }[];
  /** Share at the top of the plot: the largest share rounded up to a tenth (at least 0.1), so small heads stay visible. */
  top: number;
  baseline: number;
}

/** Bars left to right by head; the y scale runs from 0 to the largest share rounded up to 10%. */
export function headChartLayout(shares: readonly HeadShare[], box: ChartBox): HeadChartLayout {
  const plotWidth = box.width - box.left - box.right;
  const plotHeight = box.height - box.top - box.bottom;
  const largest = Math.max(0, ...shares.map((s) => s.share));
  const top = Math.min(1, Math.max(0.1, Math.ceil(largest * 10 - 1e-9) / 10));
  const slot = plotWidth / Math.max(1, shares.length);
  const gap = Math.min(8, slot * 0.2);
  const baseline = box.top + plotHeight;
  const y = (share: number) => baseline - (Math.max(0, share) / top) * plotHeight;
  const bars = [...shares]
    .sort((a, b) => a.head - b.head)
    .map((s, i) => ({
      head: s.head,
      share: s.share,
      x: box.left + i * slot + gap / 2,
      width: Math.max(1, slot - gap),
      y: y(s.share),
      height: baseline - y(s.share),
      percent: formatPercent(s.share),
    }));
  const tickStep = top <= 0.2 ? 0.05 : top <= 0.5 ? 0.1 : 0.2;
  const ticks: { share: number; y: number }[] = [];
  for (let i = 0; i * tickStep <= top + 1e-9; i += 1) {
    const share = Math.round(i * tickStep * 100) / 100;
    ticks.push({ share, y: y(share) });
  }
  return { bars, ticks, top, baseline };
}

export function formatPercent(share: number): string {
  const percent = share * 100;
  return `${percent >= 10 || percent === 0 ? percent.toFixed(0) : percent.toFixed(1)}%`;
}
