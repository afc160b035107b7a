/** Pure geometry for the activation histogram SVG: count scales and tick choices. */

export type CountScale = 'linear' | 'log';

/** Rounds up to 1, 2, 2.5 or 5 × 10^k so the top tick is a round number. */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}

export interface CountAxis {
  ticks: number[];
  /** Where a count sits, 0 (axis) … 1 (top of the plot). */
  position: (count: number) => number;
}

export function countAxis(maxCount: number, scale: CountScale): CountAxis {
  if (scale === 'log') {
    const topPower = Math.max(1, Math.ceil(Math.log10(Math.max(1, maxCount))));
    const ticks = Array.from({ length: topPower + 1 }, (_, i) => 10 ** i);
    return { ticks, position: (count) => (count >= 1 ? Math.log10(count) / topPower : 0) };
  }
  const top = niceCeil(Math.max(5, maxCount)); // counts are integers: keep ticks whole
  const ticks = [0, 1, 2, 3, 4, 5].map((f) => (f * top) / 5); // top is 1, 2, 2.5 or 5 × 10^k: fifths are round
  return { ticks, position: (count) => Math.max(0, count) / top };
}

/** Which bin edges get a label: about `maxLabels`, always the first and the last. */
export function edgeLabelIndices(edgeCount: number, maxLabels = 8): number[] {
  if (edgeCount <= 0) return [];
  const last = edgeCount - 1;
  const step = Math.max(1, Math.ceil(last / Math.max(1, maxLabels - 1)));
  const indices: number[] = [];
  for (let i = 0; i <= last; i += step) indices.push(i);
  if (indices[indices.length - 1] !== last) {
    // Drop a label that would crowd the last one.
    if (last - (indices[indices.length - 1] ?? 0) < step / 2) indices.pop();
    indices.push(last);
  }
  return indices;
}
