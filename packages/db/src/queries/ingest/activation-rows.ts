import type { AtlasDb } from '../../orm.ts';
import { chunkRanges } from '../../sql/bulk.ts';
import { bulkInsert } from './copy.ts';
import type { IngestActivation, IngestExample, IngestProgress } from './types.ts';

const EXAMPLE_CHUNK = 50_000;
/** ~100k rows (4 array literals of a few hundred KB each) per statement. */
const ACTIVATION_CHUNK = 100_000;

export type RowIds = { featureId: (index: number) => number; contextId: (key: string) => number };

export async function insertExamples(
  tx: AtlasDb,
  input: readonly IngestExample[],
  ids: RowIds,
  progress: IngestProgress,
): Promise<number> {
  progress(0, input.length, 'examples');
  for (const [start, end] of chunkRanges(input.length, EXAMPLE_CHUNK)) {
    const chunk = input.slice(start, end);
    await bulkInsert(tx, 'feature_examples', [
      { name: 'feature_id', type: 'bigint', values: chunk.map((e) => ids.featureId(e.featureIndex)) },
      { name: 'context_id', type: 'bigint', values: chunk.map((e) => ids.contextId(e.contextKey)) },
      { name: 'kind', type: 'text', values: chunk.map((e) => e.kind) },
      { name: 'rank', type: 'smallint', values: chunk.map((e) => e.rank) },
      { name: 'max_value', type: 'real', values: chunk.map((e) => e.maxValue) },
      { name: 'max_position', type: 'smallint', values: chunk.map((e) => e.maxPosition) },
    ]);
    progress(end, input.length, 'examples');
  }
  return input.length;
}

/** The sparse (feature, context, position, value) rows, in chunks of one statement each. */
export async function insertActivations(
  tx: AtlasDb,
  input: readonly IngestActivation[],
  ids: RowIds,
  progress: IngestProgress,
): Promise<number> {
  progress(0, input.length, 'activations');
  for (const [start, end] of chunkRanges(input.length, ACTIVATION_CHUNK)) {
    const size = end - start;
    const featureIds = new Float64Array(size);
    const contextIds = new Float64Array(size);
    const positions = new Float64Array(size);
    const values = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const row = input[start + i] as IngestActivation;
      featureIds[i] = ids.featureId(row.featureIndex);
      contextIds[i] = ids.contextId(row.contextKey);
      positions[i] = row.position;
      values[i] = row.value;
    }
    await bulkInsert(tx, 'activations', [
      { name: 'feature_id', type: 'bigint', values: featureIds },
      { name: 'context_id', type: 'bigint', values: contextIds },
      { name: 'position', type: 'smallint', values: positions },
      { name: 'value', type: 'real', values },
    ]);
    progress(end, input.length, 'activations');
  }
  return input.length;
}
