/**
 * Performance marks of the map's first paint, in the order they are expected (navigation start is
 * 0). The page sets each once (markOnce); `npm run bench:web:map` reads them and prints the median
 * time of each and the step from the previous one, so the first paint is split by phase (issue 14).
 * No '@/…' imports here: the bench (scripts/bench/web-map.ts) imports this file directly.
 */
export const MAP_MARKS = [
  /** The inline script's 2-D preview has painted every point (lib/map-preview.ts): the map's first paint. */
  'map:preview-painted',
  /** The map component's client module has been evaluated (its script loaded, before hydration). */
  'map:script-loaded',
  /** The request for /map-points/… was issued (or taken over from the page's preload). */
  'map:points-requested',
  /** regl-scatterplot's module has been imported. */
  'map:scatterplot-imported',
  /** The scatterplot (WebGL context, shaders) exists. */
  'map:scatterplot-created',
  /** The points' columns have arrived and been decoded. */
  'map:points-received',
  /** regl-scatterplot's draw() of every point has resolved. */
  'map:draw-done',
  /** The frame after the first full WebGL draw: the map is interactive (zoom, hover, click). */
  'feature-map-painted',
] as const;

export type MapMark = (typeof MAP_MARKS)[number];

/** Sets a performance mark the first time only (a React effect may run twice; later visits are not first paints). */
export function markOnce(name: MapMark): void {
  if (typeof performance === 'undefined') return;
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}
