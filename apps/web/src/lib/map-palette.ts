import { clusterColour, densityColour, SOURCE_COLOURS, type MapColouring } from './map-view';
import { LABEL_SOURCES, type MapPointColumns } from './map-points';

type Rgba = [number, number, number, number];

/** `hsla(h, s%, l%, a)` / `rgba(r, g, b, a)` (map-view's colours) → [r, g, b, a] in 0..1 for WebGL. */
export function cssToRgba(css: string): Rgba {
  const numbers = (css.match(/[\d.]+/g) ?? []).map(Number);
  const [a1 = 0, a2 = 0, a3 = 0, alpha = 1] = numbers;
  if (css.startsWith('rgb')) return [a1 / 255, a2 / 255, a3 / 255, alpha];
  // HSL → RGB (CSS Color 4's formula).
  const [h, s, l] = [a1, a2 / 100, a3 / 100];
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [f(0), f(8), f(4), alpha];
}

/** Density colours in this many steps (log scale), plus one for dead features. */
const DENSITY_STEPS = 24;

/**
 * Per point a category number and the palette it indexes, for regl-scatterplot's categorical
 * colouring (colorBy 'valueA'): the same colours as the canvas map had (map-view.ts).
 */
export function categoriesFor(columns: MapPointColumns, colouring: MapColouring): { category: Float32Array; palette: Rgba[] } {
  const category = new Float32Array(columns.count);
  if (colouring === 'cluster') {
    const clusterIds = [...new Set(columns.cluster)].sort((a, b) => a - b);
    const slot = new Map(clusterIds.map((cluster, i) => [cluster, i]));
    columns.cluster.forEach((cluster, i) => { category[i] = slot.get(cluster)!; });
    return { category, palette: clusterIds.map((cluster) => cssToRgba(clusterColour(cluster < 0 ? null : cluster))) };
  }
  if (colouring === 'source') {
    columns.source.forEach((source, i) => { category[i] = source; });
    return { category, palette: LABEL_SOURCES.map((source) => cssToRgba(SOURCE_COLOURS[source ?? 'none'])) };
  }
  const palette = Array.from({ length: DENSITY_STEPS }, (_, step) => cssToRgba(densityColour(10 ** (-6 + (5 * step) / (DENSITY_STEPS - 1)), false)));
  palette.push(cssToRgba(densityColour(0, true)));
  columns.density.forEach((density, i) => {
    const t = Math.min(1, Math.max(0, (Math.log10(density) + 6) / 5));
    category[i] = columns.dead[i] || !(density > 0) ? DENSITY_STEPS : Math.round(t * (DENSITY_STEPS - 1));
  });
  return { category, palette };
}
