import {
  completePoolRepresentation,
  createPool,
  ensurePoolRepresentation,
  getPoolRepresentation,
  readSampleVectors,
  samplesWithoutVector,
  storeSampleVectors,
  type AtlasDb,
  type SampleVectorRow,
} from '@atlas/db';
import type { LanguageModel } from '@atlas/model';
import type { SaeWeights } from '@atlas/sae';
import { DEFAULT_MAX_FEATURES, runSelection, saeRepresentationKey, type SelectionResources } from '../src/index.ts';
import { saeSpec } from '../src/representation/representation-spec.ts';

export interface ScaleFigures {
  samples: number;
  storedMiB: number;
  meanStoredFeatures: number;
  storeSeconds: number;
  /** runSelection (mona, 100 target texts, 5%) end to end, and its parts. */
  selectSeconds: number;
  readSeconds: number;
  scoreSeconds: number;
  targetSeconds: number;
}

/**
 * A pool of `samples` whose stored vectors are the real bench pool's, repeated (the same sizes
 * and feature counts a real pool of this kind has), then one MONA selection over it: the time
 * to score a pool once its representations are stored.
 */
export async function scaleBenchmark(
  db: AtlasDb,
  args: { samples: number; sourcePoolId: string; saeId: string; sae: SaeWeights; model: LanguageModel; modelId: string; targets: string[]; resources: SelectionResources },
): Promise<ScaleFigures> {
  const source = (await getPoolRepresentation(db, args.sourcePoolId, saeRepresentationKey(args.saeId)))!;
  const real: SampleVectorRow[] = [];
  for (let after: number | null = null; ;) {
    const page = await readSampleVectors(db, { representationId: source.id, afterSampleId: after, limit: 4096 });
    if (page.length === 0) break;
    real.push(...page);
    after = page.at(-1)!.sampleId;
  }
  const poolId = `scale-${args.samples}`;
  await createPool(db, { id: poolId, name: poolId, format: 'text', source: 'bench:scale' },
    Array.from({ length: args.samples }, (_, i) => ({ externalId: String(i), text: `sample ${i}`, response: null, metadata: null })));
  const spec = saeSpec(poolId, { saeId: args.saeId, modelId: args.modelId, hook: source.hookName!, sae: args.sae, windowTokens: args.model.contextLength, maxFeatures: DEFAULT_MAX_FEATURES });
  let representation = await ensurePoolRepresentation(db, spec);
  let started = performance.now();
  let bytes = 0;
  let features = 0;
  let copied = 0;
  for (;;) {
    const samples = await samplesWithoutVector(db, { representationId: representation.id, poolId, limit: 5_000 });
    if (samples.length === 0) break;
    const rows = samples.map((sample) => {
      const from = real[copied++ % real.length]!;
      bytes += from.vector.byteLength;
      features += new DataView(from.vector.buffer, from.vector.byteOffset).getUint32(4, true);
      return { ...from, sampleId: sample.id };
    });
    representation = await storeSampleVectors(db, representation.id, rows);
  }
  await completePoolRepresentation(db, representation.id);
  const storeSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const result = await runSelection(db, { poolId, method: 'mona', targets: { texts: args.targets }, ratio: 0.05, resources: args.resources });
  return {
    samples: args.samples,
    storedMiB: bytes / 2 ** 20,
    meanStoredFeatures: features / args.samples,
    storeSeconds,
    selectSeconds: (performance.now() - started) / 1000,
    readSeconds: result.stats.readSeconds ?? 0,
    scoreSeconds: result.stats.scoreSeconds ?? 0,
    targetSeconds: result.stats.representAndTargetSeconds ?? 0,
  };
}
