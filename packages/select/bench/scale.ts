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
import { mulberry32 } from '@atlas/random';
import { DEFAULT_MAX_FEATURES, encodeVector, runSelection, saeRepresentationKey, type SelectionResources } from '../src/index.ts';
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
  args: { samples: number; sourcePoolId: string | null; saeId: string; sae: SaeWeights; model: LanguageModel; modelId: string; targets: string[]; resources: SelectionResources },
): Promise<ScaleFigures> {
  const real = args.sourcePoolId === null ? syntheticVectors(args.sae.cfg.width, 4096) : await storedVectors(db, args.sourcePoolId, args.saeId);
  const poolId = `scale-${args.samples}`;
  await createPool(db, { id: poolId, name: poolId, format: 'text', source: 'bench:scale' },
    Array.from({ length: args.samples }, (_, i) => ({ externalId: String(i), text: `sample ${i}`, response: null, metadata: null })));
  const spec = saeSpec(poolId, { saeId: args.saeId, modelId: args.modelId, hook: args.sae.cfg.hookName, sae: args.sae, windowTokens: args.model.contextLength, maxFeatures: DEFAULT_MAX_FEATURES });
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

async function storedVectors(db: AtlasDb, poolId: string, saeId: string): Promise<SampleVectorRow[]> {
  const source = (await getPoolRepresentation(db, poolId, saeRepresentationKey(saeId)))!;
  const rows: SampleVectorRow[] = [];
  for (let after: number | null = null; ;) {
    const page = await readSampleVectors(db, { representationId: source.id, afterSampleId: after, limit: 4096 });
    if (page.length === 0) return rows;
    rows.push(...page);
    after = page.at(-1)!.sampleId;
  }
}

/**
 * Without a represented pool (`--scale-only`): vectors of the size real ones have (the cap's
 * `DEFAULT_MAX_FEATURES` features of the SAE's width, exponential values): reading and scoring
 * cost depends on bytes and features per sample, not on which features they are.
 */
function syntheticVectors(width: number, count: number): SampleVectorRow[] {
  const random = mulberry32(11);
  return Array.from({ length: count }, (_, i) => {
    const picked = new Set<number>();
    while (picked.size < DEFAULT_MAX_FEATURES) picked.add(Math.floor(random() * width));
    const indices = Uint32Array.from(picked).sort();
    const values = Float32Array.from(indices, () => -Math.log(1 - random()) * 0.1);
    const total = values.reduce((sum, v) => sum + v, 0) * 1.5;
    return { sampleId: i, tokenCount: 40, windowCount: 1, vector: encodeVector({ indices, values, total, nnz: 2 * DEFAULT_MAX_FEATURES }) };
  });
}
