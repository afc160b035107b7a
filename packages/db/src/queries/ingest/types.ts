import type { ExampleKind, NeighbourMethod } from '../../schema/index.ts';
import type { SaeRow } from '../saes.ts';

export type IngestContext = {
  /** The caller's id for this context, used by `examples` and `activations`. */
  key: string;
  documentId: string;
  startToken: number;
  tokenIds: number[];
  /** One display string per token. */
  tokens: string[];
};

export type IngestFeature = {
  index: number;
  density: number;
  maxActivation: number;
  meanActivation: number;
  /** Cosine of the encoder column and decoder row (null or absent: not computed). */
  encoderDecoderCosine?: number | null;
  /** Never fired in the statistics pass (default: density is 0). */
  isDead?: boolean;
  /** Fired too often to read (default: density > 0.1). */
  isDense?: boolean;
  /** Decoder row, length `sae.dIn`. */
  decoder: Float32Array;
  /** Position on the SAE's 2-D decoder map (UMAP); null or absent: not computed. */
  umapX?: number | null;
  umapY?: number | null;
  /** The feature's cluster on the map (an `IngestMapCluster.cluster`); null or absent: none. */
  mapCluster?: number | null;
};

/** A cluster of the feature map, with its caption and where the caption goes (see `map_clusters`). */
export type IngestMapCluster = { cluster: number; caption: string; x: number; y: number; size: number };

export type IngestExample = {
  featureIndex: number;
  contextKey: string;
  kind: ExampleKind;
  rank: number;
  maxValue: number;
  maxPosition: number;
};

export type IngestActivation = { featureIndex: number; contextKey: string; position: number; value: number };

/** One quantile bin of a feature; its examples are `examples` of kind 'quantile' with rank / 5 = bin. */
export type IngestQuantileBin = { featureIndex: number; bin: number; lower: number; upper: number; count: number };

export type IngestHistogram = { featureIndex: number; edges: number[]; counts: number[] };

/** One ranked neighbour of a feature within its SAE (`decoder_cosine`: nearest decoder directions). */
export type IngestNeighbour = {
  featureIndex: number;
  method: NeighbourMethod;
  /** From 0, nearest first. */
  rank: number;
  neighbourIndex: number;
  score: number;
};

/** One of the tokens a feature's decoder direction promotes or suppresses most (W_dec · W_U). */
export type IngestLogitEffect = {
  featureIndex: number;
  direction: 'positive' | 'negative';
  /** From 0, strongest first. */
  rank: number;
  tokenId: number;
  token: string;
  value: number;
};

/**
 * One attention head's share of a feature's decoder row, for SAEs on `blocks.L.attn.hook_z`:
 * ‖W_dec[j, head]‖² / ‖W_dec[j]‖² (`headAttributions` in @atlas/features).
 */
export type IngestHeadAttribution = { featureIndex: number; head: number; share: number };

/** A feature's label with its first version: machine-made (`machine`) or by an LLM (`llm`, with `authorModel`). */
export type IngestLabel = {
  featureIndex: number;
  text: string;
  source: 'machine' | 'llm';
  /** How it was made, e.g. `top-tokens v1`. */
  method: string;
  authorModel?: string;
};

/** Called with (0, total) as a stage starts (so its clock counts the first chunk), then after every chunk. */
export type IngestProgress = (done: number, total: number, stage: string) => void;

export type IngestSaeInput = {
  /** `weightsPath`: the SAE's weights folder, recorded so the API and jobs can run it (featuresForText, comparisons). */
  sae: Omit<SaeRow, 'createdAt'> & { weightsPath?: string };
  /** Identifies the content; the same checksum on a complete SAE makes the ingest a no-op. */
  checksum: string;
  /** The corpus the contexts come from (`sae.corpusName` is shown from `corpus.name`). */
  corpus: { id: string; name: string };
  contexts: IngestContext[];
  features: IngestFeature[];
  examples: IngestExample[];
  activations: IngestActivation[];
  histograms: IngestHistogram[];
  /** Precomputed neighbours (optional: an atlas without them simply has none). */
  neighbours?: IngestNeighbour[];
  /** Quantile bins of the quantile examples (optional). */
  quantileBins?: IngestQuantileBin[];
  /** Logit effects, where the model's unembedding could be read. */
  logitEffects?: IngestLogitEffect[];
  /** Labels, at most one per feature (machine-made labels from the build). */
  labels?: IngestLabel[];
  /** The feature map's clusters (optional; features name theirs in `mapCluster`). */
  mapClusters?: IngestMapCluster[];
  /** Per-head shares of each decoder row; only for SAEs on `attn.hook_z`. */
  headAttributions?: IngestHeadAttribution[];
  /**
   * Build the SAE's HNSW decoder index (`createDecoderIndex`) inside the ingest. Default: only
   * from DECODER_INDEX_MIN_FEATURES features; below that an exact scan takes milliseconds and
   * the index build would dominate the ingest (25 s of 42 s for 4,096 × 256 on PGlite). Never past
   * HNSW_MAX_DIMENSIONS (pgvector's limit): such decoders are searched exactly.
   */
  decoderIndex?: boolean;
  onProgress?: IngestProgress;
};

export type IngestResult = { skipped: boolean; rows: Record<string, number> };
