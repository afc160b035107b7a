import type { IngestLabel, IngestMapCluster } from '@atlas/db';
import { clusterCaptions } from '@atlas/labels';
import type { FeatureMap } from './feature-map.ts';

/**
 * The map's clusters as rows, each captioned with the words characteristic of its members'
 * labels (a cluster whose labels share no word is named by its number).
 */
export function mapClusterRows(map: FeatureMap, labels: readonly IngestLabel[]): IngestMapCluster[] {
  const { assignment, clusters } = map.clustering;
  const groups = clusters.map(() => [] as string[]);
  for (const label of labels) {
    const cluster = assignment[label.featureIndex];
    if (cluster !== undefined) groups[cluster]!.push(label.text);
  }
  const captions = clusterCaptions(groups);
  return clusters.map(({ x, y, size }, cluster) => ({ cluster, caption: captions[cluster] ?? `cluster ${cluster + 1}`, x, y, size }));
}
