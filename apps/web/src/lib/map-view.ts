/**
 * Geometry of the zoomable feature map, kept apart from React so it can be tested: a view
 * (zoom and offset from map coordinates in [0, 1] to canvas pixels), zooming about a point,
 * and a grid index for finding the point under the cursor among 16k in O(1).
 */

export interface MapView {
  /** Pixels per map unit. */
  scale: number;
  /** Canvas pixel where map (0, 0) lands. */
  offsetX: number;
  offsetY: number;
}

export interface MapPointLike {
  x: number;
  y: number;
}

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 200;

/** The view showing the whole map [0, 1]² centred in a canvas, with a margin. */
export function fitView(width: number, height: number, margin = 16): MapView {
  const scale = Math.max(1, Math.min(width, height) - 2 * margin);
  return { scale, offsetX: (width - scale) / 2, offsetY: (height - scale) / 2 };
}

export const toScreen = (view: MapView, point: MapPointLike) => ({
  x: view.offsetX + point.x * view.scale,
  y: view.offsetY + point.y * view.scale,
});

export const toMap = (view: MapView, x: number, y: number) => ({
  x: (x - view.offsetX) / view.scale,
  y: (y - view.offsetY) / view.scale,
});

/** Zooms by `factor` keeping the map point under canvas pixel (x, y) where it is; zoom stays within [MIN_ZOOM, MAX_ZOOM] × the fitted scale. */
export function zoomAt(view: MapView, fitted: MapView, factor: number, x: number, y: number): MapView {
  const scale = Math.min(fitted.scale * MAX_ZOOM, Math.max(fitted.scale * MIN_ZOOM, view.scale * factor));
  const anchor = toMap(view, x, y);
  return { scale, offsetX: x - anchor.x * scale, offsetY: y - anchor.y * scale };
}

export const panBy = (view: MapView, dx: number, dy: number): MapView => ({ ...view, offsetX: view.offsetX + dx, offsetY: view.offsetY + dy });

/** The view centred on one map point at `zoom` × the fitted scale. */
export function focusView(fitted: MapView, width: number, height: number, point: MapPointLike, zoom: number): MapView {
  const scale = fitted.scale * zoom;
  return { scale, offsetX: width / 2 - point.x * scale, offsetY: height / 2 - point.y * scale };
}

/** Points bucketed into a cells × cells grid over [0, 1]², for nearest-point lookups. */
export class PointGrid {
  private readonly buckets: number[][];

  constructor(
    private readonly points: readonly MapPointLike[],
    private readonly cells = 64,
  ) {
    this.buckets = Array.from({ length: cells * cells }, () => []);
    points.forEach((point, i) => this.buckets[this.cellOf(point.x) * cells + this.cellOf(point.y)]!.push(i));
  }

  private cellOf(value: number): number {
    return Math.min(this.cells - 1, Math.max(0, Math.floor(value * this.cells)));
  }

  /** Index of the point nearest to (x, y) in map units within `radius`, or -1. */
  nearest(x: number, y: number, radius: number): number {
    let best = -1;
    let bestDistance = radius * radius;
    const [fromX, toX] = [this.cellOf(x - radius), this.cellOf(x + radius)];
    const [fromY, toY] = [this.cellOf(y - radius), this.cellOf(y + radius)];
    for (let cx = fromX; cx <= toX; cx += 1) {
      for (let cy = fromY; cy <= toY; cy += 1) {
        for (const i of this.buckets[cx * this.cells + cy]!) {
          const point = this.points[i]!;
          const distance = (point.x - x) ** 2 + (point.y - y) ** 2;
          if (distance <= bestDistance) [best, bestDistance] = [i, distance];
        }
      }
    }
    return best;
  }
}

/** Point colour by density on a log scale (rare: blue → common: orange); dead features grey. */
export function densityColour(density: number, isDead: boolean): string {
  if (isDead || !(density > 0)) return 'rgba(140, 140, 140, 0.5)';
  // log10 density from 1e-6 (rare) to 1e-1 (dense) mapped to hue 220 → 25.
  const t = Math.min(1, Math.max(0, (Math.log10(density) + 6) / 5));
  return `hsla(${Math.round(220 - 195 * t)}, 75%, 50%, 0.75)`;
}

/** What the map's points are coloured by. */
export type MapColouring = 'cluster' | 'density' | 'source';

/**
 * A colour per cluster: hues spread by the golden angle so neighbouring cluster numbers differ,
 * with lightness alternating so 64 clusters stay apart.
 */
export function clusterColour(cluster: number | null): string {
  if (cluster === null) return 'rgba(140, 140, 140, 0.5)';
  const hue = Math.round((cluster * 137.508) % 360);
  return `hsla(${hue}, 70%, ${cluster % 2 === 0 ? 45 : 58}%, 0.8)`;
}

/** Label source colours: machine labels grey-blue, LLM labels orange, human labels green. */
export const SOURCE_COLOURS = {
  MACHINE: 'hsla(215, 45%, 55%, 0.7)',
  LLM: 'hsla(28, 85%, 52%, 0.85)',
  HUMAN: 'hsla(140, 60%, 38%, 0.9)',
  none: 'rgba(140, 140, 140, 0.5)',
} as const;

export function pointColour(
  point: { density: number; isDead: boolean; cluster?: number | null; labelSource?: keyof typeof SOURCE_COLOURS | null },
  colouring: MapColouring,
): string {
  if (colouring === 'cluster') return clusterColour(point.cluster ?? null);
  if (colouring === 'source') return SOURCE_COLOURS[point.labelSource ?? 'none'];
  return densityColour(point.density, point.isDead);
}
