'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatPercent } from '@/lib/format';
import { categoriesFor } from '@/lib/map-palette';
import type { MapPointColumns } from '@/lib/map-points';
import { densityColour, SOURCE_COLOURS, type MapColouring } from '@/lib/map-view';
import { featureHref, mapPointsHref, saeHref } from '@/lib/routes';
import styles from './feature-map.module.css';

type Scatterplot = ReturnType<typeof import('regl-scatterplot').default>;

interface FeatureMapWebglProps {
  saeId: string;
  /** Feature index to centre on and ring (from `?focus=`). */
  focus?: number;
  /** Feature indices to ring (from `?highlight=`, e.g. a search's results). */
  highlight?: number[];
}

/** The [0, 1]² map fills this share of the view's shorter side (a margin around the points). */
const FIT = 0.95;
/** Captions are drawn for clusters of at least this many features. */
const CAPTION_MIN_SIZE = 8;
/** Features listed under an opened cluster (keyboard access; the rest are on the map). */
const CLUSTER_LIST_MAX = 40;
const RING: [number, number, number, number] = [0.75, 0.22, 0.17, 1];

const toNdcX = (x: number) => (2 * x - 1) * FIT;
const toNdcY = (y: number) => (1 - 2 * y) * FIT;

function hasWebgl(): boolean {
  try {
    const probe = document.createElement('canvas');
    return Boolean(probe.getContext('webgl2') ?? probe.getContext('webgl'));
  } catch {
    return false;
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
  const [problem, setProblem] = useState<string | null>(null);
  const [noWebgl, setNoWebgl] = useState(false);
  const [hovered, setHovered] = useState<{ point: number; x: number; y: number } | null>(null);
  const [captions, setCaptions] = useState<{ cluster: number; caption: string; x: number; y: number }[]>([]);
  const [colouring, setColouring] = useState<MapColouring>('cluster');
  const [openCluster, setOpenCluster] = useState<number | null>(null);
  // The colouring the plot last drew: the first draw is already coloured, and a change redraws once.
  const drawnColouring = useRef<MapColouring | null>(null);
  /** The plot exists and has drawn once (colouring waits for it). */
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetch(mapPointsHref(saeId), { signal: controller.signal })
      .then(async (response) => {
        const body = (await response.json()) as MapPointColumns & { message?: string };
        if (!response.ok) throw new Error(body.message ?? `the map's points answered ${response.status}`);
        if (body.clusters.length === 0) setColouring('density');
        setColumns(body);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setProblem(error instanceof Error ? error.message : String(error));
      });
    return () => controller.abort();
  }, [saeId]);

  const positionOf = useMemo(() => new Map(columns?.index.map((index, i) => [index, i]) ?? []), [columns]);
  const marked = useMemo(() => highlight.flatMap((index) => (positionOf.has(index) ? [positionOf.get(index)!] : [])), [highlight, positionOf]);
  const focusPoint = focus === undefined ? undefined : positionOf.get(focus);
  // A caption sits on its cluster's point nearest the cluster's centre (the plot gives screen positions of points).
  const anchors = useMemo(() => {
    if (!columns) return [];
    return columns.clusters.filter((cluster) => cluster.size >= CAPTION_MIN_SIZE).flatMap((cluster) => {
      let best = -1;
      let bestDistance = Infinity;
      columns.cluster.forEach((c, i) => {
        if (c !== cluster.cluster) return;
        const distance = (columns.x[i]! - cluster.x) ** 2 + (columns.y[i]! - cluster.y) ** 2;
        if (distance < bestDistance) [best, bestDistance] = [i, distance];
      });
      return best >= 0 ? [{ cluster: cluster.cluster, caption: cluster.caption, point: best }] : [];
    });
  }, [columns]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!columns || !canvas) return;
    if (!hasWebgl()) {
      setNoWebgl(true);
      return;
    }
    let cancelled = false;
    let frame = 0;
    const placeCaptions = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const plot = plotRef.current;
        if (!plot) return;
        setCaptions(anchors.flatMap(({ cluster, caption, point }) => {
          const at = plot.getScreenPosition(point);
          return at ? [{ cluster, caption, x: at[0], y: at[1] }] : [];
        }));
      });
    };
    void import('regl-scatterplot').then(async ({ default: createScatterplot }) => {
      if (cancelled) return;
      const plot = createScatterplot({
        canvas, pointSize: 4, pointSizeSelected: 2, pointOutlineWidth: 2, pointColorActive: RING,
        pointColorHover: [0.07, 0.07, 0.07, 1], backgroundColor: [0, 0, 0, 0], deselectOnDblClick: false,
        deselectOnEscape: false, lassoOnLongPress: false, opacityInactiveScale: 1, opacityInactiveMax: 1,
      });
      plotRef.current = plot;
      plot.subscribe('pointOver', (point) => {
        const at = plot.getScreenPosition(point);
        if (at) setHovered({ point, x: at[0], y: at[1] });
      });
      plot.subscribe('pointOut', () => setHovered(null));
      // A click selects the point under the cursor: open it (a shift-lasso of many points does nothing).
      plot.subscribe('select', ({ points }) => {
        const index = points.length === 1 ? columns.index[points[0]!] : undefined;
        if (index !== undefined) router.push(featureHref(saeId, index));
      });
      plot.subscribe('view', placeCaptions);
      // The colouring of this render (deliberately not a dependency: a change recolours below, it does not rebuild the plot).
      const { category, palette } = categoriesFor(columns, colouring);
      drawnColouring.current = colouring;
      plot.set({ colorBy: 'valueA', pointColor: palette });
      await plot.draw({ x: Float32Array.from(columns.x, toNdcX), y: Float32Array.from(columns.y, toNdcY), z: category }, { zDataType: 'categorical' });
      if (cancelled) return;
      const ringed = focusPoint === undefined ? marked : [...marked, focusPoint];
      if (ringed.length > 0) plot.select(ringed, { preventEvent: true });
      if (focusPoint !== undefined) plot.zoomToLocation([toNdcX(columns.x[focusPoint]!), toNdcY(columns.y[focusPoint]!)], 1 / 6, { transition: false });
      placeCaptions();
      setReady(true);
      // The first full draw, for `npm run bench:web:map` (first paint of the points).
      requestAnimationFrame(() => {
        if (performance.getEntriesByName('feature-map-painted').length === 0) performance.mark('feature-map-painted');
      });
    });
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      plotRef.current?.destroy();
      plotRef.current = null;
      setReady(false);
    };
  }, [columns, anchors, marked, focusPoint, router, saeId]);

  // Colours: a category per point and the palette it indexes, redrawn in place when the choice changes.
  useEffect(() => {
    const plot = plotRef.current;
    if (!columns || !plot || !ready || drawnColouring.current === colouring) return;
    drawnColouring.current = colouring;
    const { category, palette } = categoriesFor(columns, colouring);
    void plot
      .draw({ x: Float32Array.from(columns.x, toNdcX), y: Float32Array.from(columns.y, toNdcY), z: category }, { zDataType: 'categorical', preventFilterReset: true })
      .then(() => {
        plot.set({ colorBy: 'valueA', pointColor: palette });
        if (marked.length > 0) plot.select(marked, { preventEvent: true });
      });
  }, [columns, colouring, ready, marked]);

  const zoom = (factor: number) => {
    const plot = plotRef.current;
    if (plot) plot.zoomToLocation(plot.get('cameraTarget'), plot.get('cameraDistance') / factor, { transition: false });
  };
  const zoomToCluster = (cluster: number) => {
    setOpenCluster(cluster);
    const members = columns?.cluster.flatMap((c, i) => (c === cluster ? [i] : [])) ?? [];
    if (members.length > 0) plotRef.current?.zoomToPoints(members, { padding: 0.3, transition: false });
  };

  if (problem) return <p className="card" role="alert">The map&apos;s points could not be loaded: {problem}</p>;
  if (columns?.count === 0) {
    return <p className="card muted">This SAE has no map yet: rebuild it with the current pipeline (`atlas build-demo` or `atlas build`).</p>;
  }
  const hoveredPoint = hovered && columns ? hovered.point : undefined;
  const captionOf = new Map(columns?.clusters.map((cluster) => [cluster.cluster, cluster.caption]) ?? []);
  const clusterMembers = openCluster === null || !columns ? [] : columns.cluster.flatMap((c, i) => (c === openCluster ? [i] : []));

  return (
    <div className={styles.layout}>
      <div>
        <div className={`card ${styles.frame}`}>
          {noWebgl ? (
            <p className={styles.fallback} role="alert">
              This browser has no WebGL, so the map cannot be drawn. The <Link href={saeHref(saeId)}>feature list</Link> has every feature.
            </p>
          ) : (
            <canvas
              ref={canvasRef}
              className={styles.canvas}
              role="img"
              aria-label={`Map of ${columns?.count ?? 'the'} features; zoom with the wheel or buttons, drag to pan, click a point to open its feature; the cluster list reaches them by keyboard`}
              data-testid="feature-map"
              data-points={columns?.count ?? 0}
            />
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
              <strong>#{columns.index[hoveredPoint]}</strong> {columns.label[hoveredPoint] ?? <span>(unlabelled)</span>}
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
                      <li key={i}><Link href={featureHref(saeId, columns.index[i]!)}>#{columns.index[i]} {columns.label[i] ?? '(unlabelled)'}</Link></li>
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
