/**
 * The map's first paint before hydration (issue 14: ≤ 1 s with 16k points). The WebGL plot can only
 * draw once Next's framework and React's hydration have run and regl-scatterplot's chunk has loaded
 * (about 1 s after the HTML on two cores); an inline script in the page's HTML, right after the map's
 * canvases, fetches the points (the page's preload has started that request) and paints them at once
 * on a 2-D canvas under the plot, in the plot's initial view and colours. The WebGL plot then takes
 * over the same decoded points (no second request or parse) and the preview is hidden once it has drawn.
 * On a client-side navigation React does not run inline scripts: the map fetches its points itself.
 */
import { clusterColour, densityColour } from './map-view';
import type { MapPointColumns } from './map-points';

/** The points' request as the preview made it: what the map component takes over. */
export interface MapPointsAnswer {
  ok: boolean;
  status: number;
  body: MapPointColumns & { message?: string };
}

interface MapPreviewHandoff {
  saeId: string;
  points: Promise<MapPointsAnswer>;
}

declare global {
  interface Window {
    __atlasMapPreview?: MapPreviewHandoff;
  }
}

/** The [0, 1]² map fills this share of the view's shorter side (a margin around the points). */
export const MAP_FIT = 0.95;
/** Point diameter in CSS pixels, in the plot and the preview. */
export const MAP_POINT_SIZE = 4;

/**
 * Paints every point of the map onto `canvas` once the points have arrived, and leaves the
 * request's answer on `window.__atlasMapPreview` for the map component. Sent to the browser as its
 * source text (mapPreviewScript), so it names nothing outside itself but its arguments and the
 * browser's globals. The geometry is the plot's initial view (fitOf in the map component).
 */
export function paintMapPreview(
  saeId: string,
  url: string,
  fit: number,
  pointSize: number,
  colourOfCluster: (cluster: number | null) => string,
  colourOfDensity: (density: number, isDead: boolean) => string,
): void {
  const canvas = document.querySelector<HTMLCanvasElement>('canvas[data-map-preview]');
  const points = fetch(url).then(async (response) => ({
    ok: response.ok,
    status: response.status,
    body: (await response.json()) as MapPointColumns & { message?: string },
  }));
  window.__atlasMapPreview = { saeId, points };
  points
    .then(({ ok, body }) => {
      if (!ok || !canvas || body.count === 0) return;
      // A CPU canvas (willReadFrequently): on a GPU-accelerated one the 16k arcs are rasterised in the GPU
      // process, which the WebGL plot then waits for (2 s on software GL), and the preview is drawn once anyway.
      const context = canvas.getContext('2d', { willReadFrequently: true });
      const { width, height } = canvas.getBoundingClientRect();
      if (!context || width === 0 || height === 0) return;
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      context.scale(ratio, ratio);
      // The plot's initial view: the map centred at `fit` of the shorter side (fitOf in the map component).
      const scale = (Math.min(width, height) / 2) * fit;
      const radius = pointSize / 2;
      // One path per colour: 16k arcs filled in a few dozen calls.
      const byColour = new Map<string, number[]>();
      const byCluster = body.clusters.length > 0;
      for (let i = 0; i < body.count; i += 1) {
        const colour = byCluster
          ? colourOfCluster(body.cluster[i]! < 0 ? null : body.cluster[i]!)
          : colourOfDensity(body.density[i]!, body.dead[i] === 1);
        let members = byColour.get(colour);
        if (!members) byColour.set(colour, (members = []));
        members.push(i);
      }
      for (const [colour, members] of byColour) {
        context.fillStyle = colour;
        context.beginPath();
        for (const i of members) {
          const x = width / 2 + (2 * body.x[i]! - 1) * scale;
          const y = height / 2 - (1 - 2 * body.y[i]!) * scale;
          context.moveTo(x + radius, y);
          context.arc(x, y, radius, 0, 2 * Math.PI);
        }
        context.fill();
      }
      canvas.setAttribute('data-painted', '');
      requestAnimationFrame(() => performance.mark('map:preview-painted'));
    })
    .catch(() => {
      // The map component awaits the same request and says what went wrong.
    });
}

/** JSON for inside a <script>: no "</script>" or "<!--" can close or comment it. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The inline script that runs paintMapPreview in the page (after the preview canvas in the HTML). */
export function mapPreviewScript(saeId: string, url: string): string {
  const args = [scriptJson(saeId), scriptJson(url), scriptJson(MAP_FIT), scriptJson(MAP_POINT_SIZE), `(${clusterColour.toString()})`, `(${densityColour.toString()})`];
  return `(${paintMapPreview.toString()})(${args.join(', ')});`;
}

/** The preview's request for `saeId`, once (null on a client-side navigation or for another SAE). */
export function takeMapPreview(saeId: string): Promise<MapPointsAnswer> | null {
  if (typeof window === 'undefined') return null;
  const handoff = window.__atlasMapPreview;
  if (!handoff || handoff.saeId !== saeId) return null;
  delete window.__atlasMapPreview;
  return handoff.points;
}
