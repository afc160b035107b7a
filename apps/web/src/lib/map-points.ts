import type { FeatureMapCluster, FeatureMapPoint } from './queries/feature-map';

/** Label sources as small numbers in the compact payload (0: no label). */
export const LABEL_SOURCES = [null, 'MACHINE', 'LLM', 'HUMAN'] as const;
export type LabelSourceName = Exclude<(typeof LABEL_SOURCES)[number], null>;

/**
 * Every point of a map as parallel columns, fetched by the browser from `/map-points/<sae id>`
 * rather than embedded in the page's HTML/RSC payload (16k points as objects made the map's
 * first paint 4 s). Columns of plain numbers gzip to a fraction of the per-object form. The
 * labels, about half the bytes, come apart (MapPointLabels): the first draw does not need them.
 */
export interface MapPointColumns {
  saeId: string;
  count: number;
  index: number[];
  /** UMAP position in [0, 1]², 4 decimals (well under a pixel on any screen). */
  x: number[];
  y: number[];
  density: number[];
  /** 1 when the feature never fired. */
  dead: number[];
  /** Cluster number, -1 when none. */
  cluster: number[];
  /** Index into LABEL_SOURCES. */
  source: number[];
  clusters: FeatureMapCluster[];
}

/** The points' labels, in the columns' order, from `/map-points/<sae id>?part=labels` (hover and the cluster list). */
export interface MapPointLabels {
  saeId: string;
  count: number;
  label: (string | null)[];
}

const round4 = (value: number) => Math.round(value * 1e4) / 1e4;

export function toMapPointColumns(saeId: string, points: FeatureMapPoint[], clusters: FeatureMapCluster[]): MapPointColumns {
  return {
    saeId,
    count: points.length,
    index: points.map((point) => point.index),
    x: points.map((point) => round4(point.x)),
    y: points.map((point) => round4(point.y)),
    density: points.map((point) => Number(point.density.toPrecision(3))),
    dead: points.map((point) => (point.isDead ? 1 : 0)),
    cluster: points.map((point) => point.cluster ?? -1),
    source: points.map((point) => Math.max(0, LABEL_SOURCES.indexOf(point.labelSource ?? null))),
    clusters,
  };
}

export function toMapPointLabels(saeId: string, points: FeatureMapPoint[]): MapPointLabels {
  return { saeId, count: points.length, label: points.map((point) => point.label ?? null) };
}
