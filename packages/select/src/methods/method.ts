import type { AtlasDb, PoolRow } from '@atlas/db';
import type { LanguageModel } from '@atlas/model';
import type { SaeWeights } from '@atlas/sae';
import type { SelectionEmbedder } from '../representation/embedder.ts';
import type { Similarity } from '../scoring/similarity.ts';
import type { Aggregation } from '../scoring/targets.ts';

/** What a selection is for: target example texts, or a second pool. */
export type TargetInput = { texts: readonly string[] } | { poolId: string };

/** The model, SAE and embedder a run may use; the job layer loads them. */
export interface SelectionResources {
  model?: LanguageModel;
  /** The model's atlas id (`demo-lm`). */
  modelId?: string;
  /** The SAE's atlas id and weights (mona; hidden reads the same hook). */
  sae?: { id: string; weights: SaeWeights };
  /** The hook for `hidden` when no SAE is given. */
  hook?: string;
  embedder?: SelectionEmbedder;
  /** Representation settings (see `buildPoolRepresentations`). */
  windowTokens?: number;
  batchTokens?: number;
  maxFeatures?: number;
}

export type SelectionStage = 'represent' | 'targets' | 'score' | 'store';

export interface SelectionProgress {
  stage: SelectionStage;
  done: number;
  total: number;
}

export interface MethodContext {
  db: AtlasDb;
  pool: PoolRow;
  /** Target texts, or the target pool (checked to exist). */
  targets: { texts: readonly string[] } | { pool: PoolRow };
  similarity: Similarity;
  aggregation: Aggregation;
  seed: number;
  resources: SelectionResources;
  signal?: AbortSignal;
  progress: (progress: SelectionProgress) => void;
}

export interface MethodScores {
  sampleIds: Float64Array;
  scores: Float32Array;
  /** The driving features of chosen samples (positions into `sampleIds`), where the method has features. */
  explain?: (chosen: Uint32Array) => Promise<Map<number, { indices: number[]; contributions: number[] }>>;
  /** The prototype's heaviest features (SAE methods). */
  prototypeFeatures?: { index: number; weight: number }[];
  stats: Record<string, number>;
}

/** A selection method: scores every sample of the pool for the targets (higher is better). */
export interface SelectionMethod {
  readonly name: string;
  /** Checks the resources it needs before anything runs (throws a SelectError naming what is missing). */
  check(resources: SelectionResources, context: { similarity: Similarity; aggregation: Aggregation }): void;
  score(context: MethodContext): Promise<MethodScores>;
}
