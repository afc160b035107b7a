'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { formatPercent } from '@/lib/format';
import {
  densityColour, fitView, focusView, panBy, pointColour, PointGrid, SOURCE_COLOURS, toMap, toScreen, zoomAt, type MapColouring, type MapView,
} from '@/lib/map-view';
import type { FeatureMapCluster, FeatureMapPoint } from '@/lib/queries/feature-map';
import { featureHref } from '@/lib/routes';
import styles from './feature-map.module.css';

interface FeatureMapCanvasProps {
  saeId: string;
  points: FeatureMapPoint[];
  /** The map's captioned clusters (empty for a map built before clusters). */
  clusters: FeatureMapCluster[];
  /** Feature index to centre on and ring (from `?focus=`). */
  focus?: number;
  /** Feature indices to mark (from `?highlight=`, e.g. a search's results). */
  highlight?: number[];
}

/** Captions are drawn for clusters of at least this many features (smaller ones only on hover). */
const CAPTION_MIN_SIZE = 8;

/** Hover reach in screen pixels. */
const HOVER_PIXELS = 8;
/** A press that moves less than this is a click, not a drag. */
const CLICK_PIXELS = 4;

/**
 * Every feature of an SAE on its UMAP map, drawn on a canvas (16k points stay smooth): wheel or
 * buttons zoom about the cursor, dragging pans, hovering shows the label and cluster, clicking opens
 * the feature; points coloured by cluster, density or label source, clusters captioned, `highlight`
 * features ringed.
 */
export function FeatureMapCanvas({ saeId, points, clusters, focus, highlight = [] }: FeatureMapCanvasProps) {
  const router = useRouter();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [view, setView] = useState<MapView | null>(null);
  const [hovered, setHovered] = useState<{ point: number; x: number; y: number } | null>(null);
  const drag = useRef<{ x: number; y: number; moved: number } | null>(null);
  const grid = useMemo(() => new PointGrid(points), [points]);
  const focusIndex = focus === undefined ? -1 : points.findIndex((point) => point.index === focus);
  const [colouring, setColouring] = useState<MapColouring>(clusters.length > 0 ? 'cluster' : 'density');
  const highlighted = useMemo(() => {
    const wanted = new Set(highlight);
    return points.flatMap((point, i) => (wanted.has(point.index) ? [i] : []));
  }, [points, highlight]);
  const captionOf = useMemo(() => new Map(clusters.map((cluster) => [cluster.cluster, cluster.caption])), [clusters]);
  const fitted = fitView(size.width, size.height);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (size.width === 0) return;
    const fit = fitView(size.width, size.height);
    const target = points[focusIndex];
    setView(target ? focusView(fit, size.width, size.height, target, 6) : fit);
  }, [size.width, size.height, focusIndex, points]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !view) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(size.width * ratio);
    canvas.height = Math.round(size.height * ratio);
    const context = canvas.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, size.width, size.height);
    const radius = Math.min(5, Math.max(1.5, 1.5 * Math.sqrt(view.scale / fitted.scale)));
    for (const point of points) {
      const { x, y } = toScreen(view, point);
      if (x < -radius || y < -radius || x > size.width + radius || y > size.height + radius) continue;
      context.fillStyle = pointColour(point, colouring);
      context.fillRect(x - radius, y - radius, radius * 2, radius * 2);
    }
    // Search results and other marked features: a dark ring each, drawn over every point.
    context.strokeStyle = '#c0392b';
    context.lineWidth = 1.5;
    for (const index of highlighted) {
      const { x, y } = toScreen(view, points[index]!);
      context.beginPath();
      context.arc(x, y, radius + 3, 0, 2 * Math.PI);
      context.stroke();
    }
    // Captions at the clusters' centres, with a light halo so they read over the points.
    context.font = '600 12px system-ui, sans-serif';
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.lineWidth = 3;
    context.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    context.fillStyle = '#1b1b1b';
    for (const cluster of clusters) {
      if (cluster.size < CAPTION_MIN_SIZE) continue;
      const { x, y } = toScreen(view, cluster);
      if (x < 0 || y < 0 || x > size.width || y > size.height) continue;
      context.strokeText(cluster.caption, x, y);
      context.fillText(cluster.caption, x, y);
    }
    // The first full draw, for `npm run bench:web:map` (first paint of the points).
    if (performance.getEntriesByName('feature-map-painted').length === 0) performance.mark('feature-map-painted');
    for (const [index, colour] of [[focusIndex, '#c0392b'], [hovered?.point ?? -1, '#111']] as const) {
      const point = points[index];
      if (!point) continue;
      const { x, y } = toScreen(view, point);
      context.strokeStyle = colour;
      context.lineWidth = 2;
      context.beginPath();
      context.arc(x, y, radius + 4, 0, 2 * Math.PI);
      context.stroke();
    }
  }, [view, size, points, hovered, focusIndex, fitted.scale, colouring, highlighted, clusters]);

  // React's onWheel is passive, so the page would scroll too; a native listener can prevent that.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !view) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = canvas.getBoundingClientRect();
      setView(zoomAt(view, fitted, Math.exp(-event.deltaY * 0.0015), event.clientX - box.left, event.clientY - box.top));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [view, fitted]);

  const local = (event: ReactPointerEvent) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };

  const hover = (x: number, y: number) => {
    if (!view) return;
    const at = toMap(view, x, y);
    const point = grid.nearest(at.x, at.y, HOVER_PIXELS / view.scale);
    setHovered(point >= 0 ? { point, x, y } : null);
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (!view) return;
    const { x, y } = local(event);
    if (drag.current) {
      const [dx, dy] = [x - drag.current.x, y - drag.current.y];
      drag.current = { x, y, moved: drag.current.moved + Math.abs(dx) + Math.abs(dy) };
      setView(panBy(view, dx, dy));
      return;
    }
    hover(x, y);
  };

  const onPointerUp = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const wasClick = drag.current !== null && drag.current.moved < CLICK_PIXELS;
    drag.current = null;
    event.currentTarget.releasePointerCapture(event.pointerId);
    const point = hovered ? points[hovered.point] : undefined;
    if (wasClick && point) router.push(featureHref(saeId, point.index));
  };

  const zoomButton = (factor: number) => () => view && setView(zoomAt(view, fitted, factor, size.width / 2, size.height / 2));
  const hoveredPoint = hovered ? points[hovered.point] : undefined;
  const canvasClass = [styles.canvas, drag.current?.moved ? styles.dragging : '', hoveredPoint ? styles.pointing : ''].join(' ');

  return (
    <div>
      <div className={`card ${styles.frame}`}>
        <canvas
          ref={canvasRef}
          className={canvasClass}
          role="img"
          aria-label={`Map of ${points.length} features; zoom with the wheel or buttons, drag to pan, click a point to open its feature`}
          data-testid="feature-map"
          onPointerDown={(event) => {
            event.currentTarget.setPointerCapture(event.pointerId);
            const { x, y } = local(event);
            drag.current = { x, y, moved: 0 };
            // Touch has no hover: what is under the finger is what a tap opens.
            hover(x, y);
          }}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerLeave={() => setHovered(null)}
        />
        <div className={styles.controls}>
          <button type="button" onClick={zoomButton(1.5)} aria-label="Zoom in">+</button>
          <button type="button" onClick={zoomButton(1 / 1.5)} aria-label="Zoom out">−</button>
          <button type="button" onClick={() => setView(fitted)}>Reset</button>
        </div>
        {hoveredPoint && hovered ? (
          <div className={styles.tooltip} style={{ left: Math.min(hovered.x + 12, size.width - 200), top: hovered.y + 12 }} role="tooltip">
            <strong>#{hoveredPoint.index}</strong> {hoveredPoint.label ?? <span>(unlabelled)</span>}
            <br />
            {hoveredPoint.isDead ? 'dead' : `density ${formatPercent(hoveredPoint.density)}`}
            {hoveredPoint.cluster !== null && captionOf.has(hoveredPoint.cluster) ? (
              <>
                <br />
                cluster: {captionOf.get(hoveredPoint.cluster)}
              </>
            ) : null}
          </div>
        ) : null}
      </div>
      <div className={`muted small ${styles.legend}`}>
        <label>
          Colour by{' '}
          <select value={colouring} onChange={(event) => setColouring(event.target.value as MapColouring)} data-testid="map-colouring">
            {clusters.length > 0 ? <option value="cluster">cluster</option> : null}
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
        {highlighted.length > 0 ? <span>{highlighted.length} marked feature{highlighted.length === 1 ? '' : 's'} ringed in red.</span> : null}
        <span>Nearby points fire on similar tokens (UMAP of token profiles); captions name each cluster by its labels&apos; words.</span>
      </div>
    </div>
  );
}
