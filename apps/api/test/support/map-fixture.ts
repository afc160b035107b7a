import { ingestSaeAtlas, type AtlasDb } from '@atlas/db';
import { MODEL_ID } from './atlas-fixture.ts';

/** An SAE with a feature map: features 0..3 placed (clusters 0, 1, 0, 1), 4 not; machine and LLM labels on some; one co-activation pair. */
export const MAP_SAE_ID = `${MODEL_ID}/blocks.1.hook_resid_post/topk-5`;

/** Map positions by feature index (exact in float4). */
export const MAP_POSITIONS: ({ x: number; y: number } | null)[] = [
  { x: 0.125, y: 0.25 },
  { x: 0.5, y: 0.5 },
  { x: 0.875, y: 0.125 },
  { x: 0.25, y: 0.75 },
  null,
];

/** Adds the map SAE to a database seeded with `seedAtlas` (its model must exist). */
export async function seedMapSae(db: AtlasDb): Promise<void> {
  await ingestSaeAtlas(db, {
    sae: {
      id: MAP_SAE_ID, modelId: MODEL_ID, hookName: 'blocks.1.hook_resid_post', architecture: 'topk', kind: 'sae',
      dIn: 4, width: 5, k: 1, trainingTokens: 1000, statisticsTokens: 100, corpusName: 'Demo corpus', metrics: null,
    },
    checksum: 'sha256:map-test',
    corpus: { id: 'demo', name: 'Demo corpus' },
    contexts: [],
    features: MAP_POSITIONS.map((position, index) => ({
      index,
      density: (index + 1) / 64,
      maxActivation: 2,
      meanActivation: 1,
      isDead: index === 2,
      decoder: Float32Array.from([0, 1, 2, 3], (d) => (d === index % 4 ? 1 : 0)),
      ...(position ? { umapX: position.x, umapY: position.y, mapCluster: index % 2 } : {}),
    })),
    mapClusters: [
      { cluster: 0, caption: 'whale · sea', x: 0.5, y: 0.5, size: 2 },
      { cluster: 1, caption: 'cluster 2', x: 0.375, y: 0.625, size: 2 },
    ],
    examples: [],
    activations: [],
    histograms: [],
    neighbours: [
      { featureIndex: 1, method: 'coactivation', rank: 0, neighbourIndex: 3, score: 0.5 },
      { featureIndex: 1, method: 'coactivation', rank: 1, neighbourIndex: 0, score: 0.25 },
    ],
    labels: [
      { featureIndex: 0, text: '"Whale" (3/4)', source: 'machine', method: 'top-tokens v1' },
      { featureIndex: 1, text: 'sea words', source: 'llm', method: 'llm v1', authorModel: 'test-llm' },
    ],
  });
}
