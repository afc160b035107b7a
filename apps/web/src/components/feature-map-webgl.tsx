'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatPercent } from '@/lib/format';
import { categoriesFor } from '@/lib/map-palette';
import type { MapPointColumns, MapPointLabels } from '@/lib/map-points';
import { densityColour, SOURCE_COLOURS, type MapColouring } from '@/lib/map-view';
import { MAP_FIT, MAP_POINT_SIZE, takeMapPreview, type MapPointsAnswer } from '@/lib/map-preview';
import { markOnce } from '@/lib/map-timing';
import { featureHref, mapLabelsHref, mapPointsHref, saeHref } from '@/lib/routes';
import styles from './feature-map.module.css';

type Scatterplot = ReturnType<typeof import('regl-scatterplot').default>;

interface FeatureMapWebglProps {
  saeId: string;
  /** Feature index to centre on and ring (from `?focus=`). */
  focus?: number;
  /** Feature indices to ring (from `?highlight=`, e.g. a search's results). */
  highlight?: number[];
}

/** Captions are drawn for clusters of at least this many features. */
const CAPTION_MIN_SIZE = 8;
/** Features listed under an opened cluster (keyboard access; the rest are on the map). */
const CLUSTER_LIST_MAX = 40;
const RING: [number, number, number, number] = [0.75, 0.22, 0.17, 1];

let scatterplotModule: Promise<typeof import('regl-scatterplot')> | null = null;
/** regl-scatterplot's chunk, requested once per page. */
const loadScatterplot = () => (scatterplotModule ??= import('regl-scatterplot'));

// This module runs when its script has loaded, before hydration: it starts loading regl-scatterplot
// at once, in parallel with hydration and the points' fetch, instead of after the points arrived.
if (typeof window !== 'undefined') {
  markOnce('map:script-loaded');
  loadScatterplot().catch(() => {
    // Reported by the plot's effect, which awaits the same promise.
  });
}

interface CaptionAnchor {
  cluster: number;
  caption: string;
  /** The cluster's point nearest its centre. */
  point: number;
}

/** For each cluster of at least CAPTION_MIN_SIZE features, its point nearest its centre (one pass over the points). */
function captionAnchors(columns: MapPointColumns): CaptionAnchor[] {
  const slotOf = new Map<number, number>();
  const captioned = columns.clusters.filter((cluster) => cluster.size >= CAPTION_MIN_SIZE);
  captioned.forEach((cluster, slot) => slotOf.set(cluster.cluster, slot));
  const best = new Int32Array(captioned.length).fill(-1);
  const bestDistance = new Float64Array(captioned.length).fill(Infinity);
  for (let i = 0; i < columns.count; i += 1) {
    const slot = slotOf.get(columns.cluster[i]!);
    if (slot === undefined) continue;
    const cluster = captioned[slot]!;
    const distance = (columns.x[i]! - cluster.x) ** 2 + (columns.y[i]! - cluster.y) ** 2;
    if (distance < bestDistance[slot]!) [best[slot], bestDistance[slot]] = [i, distance];
  }
  return captioned.flatMap((cluster, slot) => (best[slot]! >= 0 ? [{ cluster: cluster.cluster, caption: cluster.caption, point: best[slot]! }] : []));
}

/**
 * The share of clip space the map takes on `canvas`: clip space [-1, 1] spans the plot's height (regl-scatterplot's
 * initial view), so on a canvas narrower than tall (a phone) the map shrinks to fit its width instead.
 */
function fitOf(canvas: HTMLCanvasElement): number {
  const { width, height } = canvas.getBoundingClientRect();
  return MAP_FIT * (width > 0 && height > 0 ? Math.min(1, width / height) : 1);
}
const toNdcX = (x: number, fit: number) => (2 * x - 1) * fit;
const toNdcY = (y: number, fit: number) => (1 - 2 * y) * fit;

/** The positions of the points of `cluster`. */
const membersOf = (columns: MapPointColumns, cluster: number) => columns.cluster.flatMap((c, i) => (c === cluster ? [i] : []));

/**
 * The offscreen canvas regl-scatterplot renders into (it copies each frame onto the visible one),
 * with its WebGL context already asked for: null when the browser has no WebGL. regl asks this same
 * canvas again and gets the same context, so no second context is made just to probe (on software
 * WebGL each context costs the first paint noticeably).
 */
function webglCanvas(): HTMLCanvasElement | null {
  const canvas = document.createElement('canvas');
  try {
    // A context's attributes are fixed by its first request: regl-scatterplot's own (antialias: true) would
    // make software WebGL resolve a multisampled canvas every frame, and the round points are smoothed by
    // their shader anyway. preserveDrawingBuffer as regl-scatterplot asks (it copies frames from this canvas).
    return canvas.getContext('webgl', { antialias: false, preserveDrawingBuffer: true }) ? canvas : null;
  } catch {
    return null;
  }
}

/**
 * Every feature of an SAE on its UMAP map, drawn with WebGL (regl-scatterplot, loaded only in the
 * browser) from compact columns fetched from `/map-points/…`, so the page's HTML stays small and
 * 64k points pan smoothly. Wheel/drag or the buttons zoom and pan; hovering shows label, density
 * and cluster; clicking opens the feature; `highlight` and `focus` features are ringed. The
 * cluster list beside it reaches every cluster and its features by keyboard.
 */
export function FeatureMapWebgl({ saeId, focus, highlight = [] }: FeatureMapWebglProps) {
  const router = useRouter();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const plotRef = useRef<Scatterplot | null>(null);
  const [columns, setColumns] = useState<MapPointColumns | null>(null);
  /** The points' labels, fetched after the first draw (null until then, or if they could not be had). */
  const [labels, setLabels] = useState<(string | null)[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [noWebgl, setNoWebgl] = useState(false);
  const [hovered, setHovered] = useState<{ point: number; x: number; y: number } | null>(null);
  const [captions, setCaptions] = useState<{ cluster: number; caption: string; x: number; y: number }[]>([]);
  const [colouring, setColouring] = useState<MapColouring>('cluster');
  const [openCluster, setOpenCluster] = useState<number | null>(null);
  // The colouring the plot last drew: the first draw is already coloured, and a change redraws once.
  const drawnColouring = useRef<MapColouring | null>(null);
  /** The plot, once regl-scatterplot has loaded and made it (before the points, see below). */
  const [plot, setPlot] = useState<Scatterplot | null>(null);
  /** The map's share of clip space on this canvas (fitOf), measured when the plot is made. */
  const [fit, setFit] = useState(MAP_FIT);
  /** The plot has drawn the points once (colouring and captions wait for it). */
  const [ready, setReady] = useState(false);

  const positionOf = useMemo(() => new Map(columns?.index.map((index, i) => [index, i]) ?? []), [columns]);
  const marked = useMemo(() => highlight.flatMap((index) => (positionOf.has(index) ? [positionOf.get(index)!] : [])), [highlight, positionOf]);
  const focusPoint = focus === undefined ? undefined : positionOf.get(focus);
  // The points in the plot's coordinates, made once per map: the first draw and every recolouring draw them.
  const ndc = useMemo(() => (columns ? { x: Float32Array.from(columns.x, (x) => toNdcX(x, fit)), y: Float32Array.from(columns.y, (y) => toNdcY(y, fit)) } : null), [columns, fit]);
  // A caption sits on its cluster's point nearest the cluster's centre (the plot gives screen positions of points).
  // One pass over the points (not one per cluster), and only once the points are drawn: captions follow the first paint.
  const anchors = useMemo(() => (columns && ready ? captionAnchors(columns) : []), [columns, ready]);
  // The plot's event handlers are set up before the points arrive: they read the latest columns and anchors here.
  const columnsRef = useRef(columns);
  const anchorsRef = useRef(anchors);
  useEffect(() => {
    columnsRef.current = columns;
    anchorsRef.current = anchors;
  }, [columns, anchors]);
  const captionFrame = useRef(0);
  const placeCaptions = useCallback(() => {
    cancelAnimationFrame(captionFrame.current);
    captionFrame.current = requestAnimationFrame(() => {
      const plot = plotRef.current;
      if (!plot) return;
      setCaptions(anchorsRef.current.flatMap(({ cluster, caption, point }) => {
        const at = plot.getScreenPosition(point);
        return at ? [{ cluster, caption, x: at[0], y: at[1] }] : [];
      }));
    });
  }, []);

  // The points: the page's inline preview script has usually fetched and painted them already (its
  // answer is taken over); otherwise (a client-side navigation) fetched here, from the page's preload.
  useEffect(() => {
    const controller = new AbortController();
    markOnce('map:points-requested');
    const answer: Promise<MapPointsAnswer> = takeMapPreview(saeId)
      ?? fetch(mapPointsHref(saeId), { signal: controller.signal })
        .then(async (response) => ({ ok: response.ok, status: response.status, body: (await response.json()) as MapPointsAnswer['body'] }));
    answer
      .then(({ ok, status, body }) => {
        if (controller.signal.aborted) return;
        if (!ok) throw new Error(body.message ?? `the map's points answered ${status}`);
        markOnce('map:points-received');
        if (body.clusters.length === 0) setColouring('density');
        setColumns(body);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setProblem(error instanceof Error ? error.message : String(error));
      });
    return () => controller.abort();
  }, [saeId]);

  // The plot (WebGL context, shaders, event handlers) is made while the points are still on their way:
  // on software WebGL that setup is a large part of the first paint, and it needs no points.
  const canvasShown = !problem && columns?.count !== 0 && !noWebgl;
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvasShown || !canvas) return;
    let cancelled = false;
    let created: Scatterplot | null = null;
    // Ours, not the plot's (it was passed in): destroyed after the plot.
    let renderer: ReturnType<typeof import('regl-scatterplot').createRenderer> | null = null;
    let rendererResize: (() => void) | null = null;
    loadScatterplot()
      .then(({ default: createScatterplot, createRenderer }) => {
        if (cancelled) return;
        markOnce('map:scatterplot-imported');
        const glCanvas = webglCanvas();
        if (!glCanvas) {
          setNoWebgl(true);
          return;
        }
        renderer = createRenderer({ canvas: glCanvas });
        // regl-scatterplot sizes (and keeps sizing) only a renderer canvas it made itself; ours stayed at the
        // default 300 × 150, and only a window that size in the middle of the map was drawn.
        rendererResize = () => {
          renderer?.resize(Math.min(window.innerWidth, window.screen.availWidth), Math.min(window.innerHeight, window.screen.availHeight));
          renderer?.refresh();
        };
        rendererResize();
        window.addEventListener('resize', rendererResize);
        const plot = createScatterplot({
          renderer, canvas, pointSize: MAP_POINT_SIZE, pointSizeSelected: 2, pointOutlineWidth: 2, pointColorActive: RING,
          pointColorHover: [0.07, 0.07, 0.07, 1], backgroundColor: [0, 0, 0, 0], deselectOnDblClick: false,
          deselectOnEscape: false, lassoOnLongPress: false, opacityInactiveScale: 1, opacityInactiveMax: 1,
        });
        created = plot;
        plotRef.current = plot;
        markOnce('map:scatterplot-created');
        plot.subscribe('pointOver', (point) => {
          const at = plot.getScreenPosition(point);
          if (at) setHovered({ point, x: at[0], y: at[1] });
        });
        plot.subscribe('pointOut', () => setHovered(null));
        // A click selects the point under the cursor: open it (a shift-lasso of many points does nothing).
        plot.subscribe('select', ({ points }) => {
          const index = points.length === 1 ? columnsRef.current?.index[points[0]!] : undefined;
          if (index !== undefined) router.push(featureHref(saeId, index));
        });
        plot.subscribe('view', placeCaptions);
        setFit(fitOf(canvas));
        setPlot(plot);
      })
      .catch((error: unknown) => {
        if (!cancelled) setProblem(`the map's drawing library did not load (${error instanceof Error ? error.message : String(error)}); reload the page.`);
      });
    return () => {
      cancelled = true;
      cancelAnimationFrame(captionFrame.current);
      if (rendererResize) window.removeEventListener('resize', rendererResize);
      created?.destroy();
      renderer?.destroy();
      plotRef.current = null;
      setPlot(null);
      setReady(false);
    };
  }, [canvasShown, router, saeId, placeCaptions]);

  // The first draw, as soon as both the plot and the points are there; again if the ringed features change.
  useEffect(() => {
    if (!plot || !columns || !ndc || columns.count === 0) return;
    let cancelled = false;
    // The colouring of this render (deliberately not a dependency: a change recolours below, it does not redraw from scratch).
    const { category, palette } = categoriesFor(columns, colouring);
    drawnColouring.current = colouring;
    plot.set({ colorBy: 'valueA', pointColor: palette });
    void plot.draw({ ...ndc, z: category }, { zDataType: 'categorical' }).then(() => {
      if (cancelled) return;
      markOnce('map:draw-done');
      const ringed = focusPoint === undefined ? marked : [...marked, focusPoint];
      if (ringed.length > 0) plot.select(ringed, { preventEvent: true });
      if (focusPoint !== undefined) plot.zoomToLocation([toNdcX(columns.x[focusPoint]!, fit), toNdcY(columns.y[focusPoint]!, fit)], 1 / 6, { transition: false });
      setReady(true);
      // The first full WebGL draw, for `npm run bench:web:map` (the map interactive; the preview painted the points before).
      requestAnimationFrame(() => markOnce('feature-map-painted'));
    });
    return () => {
      cancelled = true;
    };
  }, [plot, columns, ndc, fit, marked, focusPoint]);

  // The labels (half the points' bytes) only after the first draw: hover and the cluster list use them.
  useEffect(() => {
    if (!ready || !columns) return;
    const controller = new AbortController();
    fetch(mapLabelsHref(saeId), { signal: controller.signal })
      .then(async (response) => {
        const body = (await response.json()) as MapPointLabels & { message?: string };
        if (!response.ok) throw new Error(body.message ?? `the map's labels answered ${response.status}`);
        // A map rebuilt between the two requests would not line up: keep showing indices alone then.
        if (body.count === columns.count) setLabels(body.label);
      })
      .catch((error: unknown) => {
        // The map works without labels (indices, density, cluster): say why in the console only.
        if (!controller.signal.aborted) console.warn(`Map labels not loaded: ${error instanceof Error ? error.message : String(error)}`);
      });
    return () => controller.abort();
  }, [ready, columns, saeId]);

  // Captions once the anchors are known (after the first draw), and on every view change after that.
  useEffect(() => {
    if (ready) placeCaptions();
  }, [ready, anchors, placeCaptions]);

  // Colours: a category per point and the palette it indexes, redrawn in place when the choice changes.
  useEffect(() => {
    if (!columns || !ndc || !plot || !ready || drawnColouring.current === colouring) return;
    drawnColouring.current = colouring;
    const { category, palette } = categoriesFor(columns, colouring);
    void plot
      .draw({ ...ndc, z: category }, { zDataType: 'categorical', preventFilterReset: true })
      .then(() => {
        plot.set({ colorBy: 'valueA', pointColor: palette });
        if (marked.length > 0) plot.select(marked, { preventEvent: true });
      });
  }, [columns, ndc, colouring, plot, ready, marked]);

  const zoom = (factor: number) => {
    const plot = plotRef.current;
    if (plot) plot.zoomToLocation(plot.get('cameraTarget'), plot.get('cameraDistance') / factor, { transition: false });
  };
  const zoomToCluster = (cluster: number) => {
    setOpenCluster(cluster);
    const members = columns ? membersOf(columns, cluster) : [];
    if (members.length > 0) plotRef.current?.zoomToPoints(members, { padding: 0.3, transition: false });
  };

  if (problem) return <p className="card" role="alert">The map&apos;s points could not be loaded: {problem}</p>;
  if (columns?.count === 0) {
    return <p className="card muted">This SAE has no map yet: rebuild it with the current pipeline (`atlas build-demo` or `atlas build`).</p>;
  }
  const hoveredPoint = hovered && columns ? hovered.point : undefined;
  const captionOf = new Map(columns?.clusters.map((cluster) => [cluster.cluster, cluster.caption]) ?? []);
  const clusterMembers = openCluster === null || !columns ? [] : membersOf(columns, openCluster);

  return (
    <div className={styles.layout}>
      <div>
        <div className={`card ${styles.frame}`}>
          {noWebgl ? (
            <p className={styles.fallback} role="alert">
              This browser has no WebGL, so the map cannot be drawn. The <Link href={saeHref(saeId)}>feature list</Link> has every feature.
            </p>
          ) : (
            <>
              {/* Painted by the page's inline script before hydration (lib/map-preview.ts); hidden once WebGL has drawn. */}
              <canvas data-map-preview="" className={styles.preview} hidden={ready} aria-hidden="true" />
              <canvas
              ref={canvasRef}
              className={styles.canvas}
              role="img"
              aria-label={`Map of ${columns?.count ?? 'the'} features; zoom with the wheel or buttons, drag to pan, click a point to open its feature; the cluster list reaches them by keyboard`}
              data-testid="feature-map"
              data-points={columns?.count ?? 0}
              />
            </>
          )}
          {columns === null && !noWebgl ? <p className={styles.fallback}>Loading the map&apos;s points…</p> : null}
          <div className={styles.captions} aria-hidden="true">
            {captions.map((caption) => (
              <span key={caption.cluster} className={styles.caption} style={{ left: caption.x, top: caption.y }}>{caption.caption}</span>
            ))}
          </div>
          <div className={styles.controls}>
            <button type="button" onClick={() => zoom(1.5)} aria-label="Zoom in">+</button>
            <button type="button" onClick={() => zoom(1 / 1.5)} aria-label="Zoom out">−</button>
            <button type="button" onClick={() => plotRef.current?.zoomToOrigin({ transition: false })}>Reset</button>
          </div>
          {hoveredPoint !== undefined && hovered && columns ? (
            <div className={styles.tooltip} style={{ left: hovered.x + 12, top: hovered.y + 12 }} role="tooltip">
              <strong>#{columns.index[hoveredPoint]}</strong> {labels ? (labels[hoveredPoint] ?? <span>(unlabelled)</span>) : <span>(label loading…)</span>}
              <br />
              {columns.dead[hoveredPoint] ? 'dead' : `density ${formatPercent(columns.density[hoveredPoint]!)}`}
              {captionOf.has(columns.cluster[hoveredPoint]!) ? (
                <>
                  <br />
                  cluster: {captionOf.get(columns.cluster[hoveredPoint]!)}
                </>
              ) : null}
            </div>
          ) : null}
        </div>
        <div className={`muted small ${styles.legend}`}>
          <label>
            Colour by{' '}
            <select value={colouring} onChange={(event) => setColouring(event.target.value as MapColouring)} data-testid="map-colouring">
              {columns === null || columns.clusters.length > 0 ? <option value="cluster">cluster</option> : null}
              <option value="density">density</option>
              <option value="source">label source</option>
            </select>
          </label>
          {colouring === 'density' ? (
            <>
              <span><span className={styles.swatch} style={{ background: densityColour(1e-6, false) }} />rare</span>
              <span><span className={styles.swatch} style={{ background: densityColour(1e-3, false) }} />density 0.1%</span>
              <span><span className={styles.swatch} style={{ background: densityColour(0.1, false) }} />dense (10%)</span>
              <span><span className={styles.swatch} style={{ background: densityColour(0, true) }} />dead</span>
            </>
          ) : null}
          {colouring === 'source' ? (
            <>
              <span><span className={styles.swatch} style={{ background: SOURCE_COLOURS.MACHINE }} />machine label</span>
              <span><span className={styles.swatch} style={{ background: SOURCE_COLOURS.LLM }} />LLM label</span>
              <span><span className={styles.swatch} style={{ background: SOURCE_COLOURS.HUMAN }} />human label</span>
              <span><span className={styles.swatch} style={{ background: SOURCE_COLOURS.none }} />no label</span>
            </>
          ) : null}
          {marked.length > 0 ? <span>{marked.length} marked feature{marked.length === 1 ? '' : 's'} ringed in red.</span> : null}
          <span>Nearby points fire on similar tokens (UMAP of token profiles); captions name each cluster by its labels&apos; words.</span>
        </div>
      </div>
      {columns && columns.clusters.length > 0 ? (
        <nav className={`card ${styles.clusterList}`} aria-label="Clusters">
          <h2 className="small">Clusters</h2>
          <ul>
            {[...columns.clusters].sort((a, b) => b.size - a.size).map((cluster) => (
              <li key={cluster.cluster}>
                <button type="button" aria-expanded={openCluster === cluster.cluster} onClick={() => zoomToCluster(cluster.cluster)}>
                  {cluster.caption} <span className="muted">({cluster.size})</span>
                </button>
                {openCluster === cluster.cluster ? (
                  <ul>
                    {clusterMembers.slice(0, CLUSTER_LIST_MAX).map((i) => (
                      <li key={i}><Link href={featureHref(saeId, columns.index[i]!)}>#{columns.index[i]} {labels ? (labels[i] ?? '(unlabelled)') : '(label loading…)'}</Link></li>
                    ))}
                    {clusterMembers.length > CLUSTER_LIST_MAX ? <li className="muted">and {clusterMembers.length - CLUSTER_LIST_MAX} more on the map</li> : null}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
