// @atlas/select: task-specific training-data selection (MONA). Pools of samples, their SAE
// codes mean-pooled over tokens (stored packed, built resumably), generalized-Jaccard scoring
// against a prototype of the targets, the baselines (BM25, embeddings, hidden states, random),
// and selections stored for the API to page through.
export { SelectError } from './errors.ts';
export { SELECT_LIMITS } from './limits.ts';
export { importPool, storePool, checkPoolId, type ImportPoolOptions, type ImportPoolResult, type UploadFormat } from './pools/import-pool.ts';
export { createPoolFromCorpus, type CorpusPoolOptions, type CorpusUnit } from './pools/corpus-pool.ts';
export { parsePoolJsonl } from './pools/parse-jsonl.ts';
export { parsePoolCsv } from './pools/parse-csv.ts';
export type { LineProblem, ParsedSamples } from './pools/pool-sample.ts';
export {
  buildPoolRepresentations,
  type BuildRepresentationsOptions,
  type BuildRepresentationsResult,
  type RepresentationProgress,
} from './representation/build-representations.ts';
export { buildEmbeddingRepresentation } from './representation/build-embeddings.ts';
export type { SelectionEmbedder } from './representation/embedder.ts';
export {
  DEFAULT_MAX_FEATURES,
  saeRepresentationKey,
  hiddenRepresentationKey,
  embeddingRepresentationKey,
  selectionEmbedderKey,
  type EmbedderIdentity,
} from './representation/representation-spec.ts';
export { createTextRepresenter, type TextRepresenter, type RepresentedTexts } from './representation/text-representer.ts';
export { saePooler, hiddenPooler, type Pooler } from './representation/poolers.ts';
export { sparsify, denseVector, meanDense, type SparseVector } from './representation/sparse-vector.ts';
export { encodeVector, decodeVector, VECTOR_CODEC_VERSION } from './representation/vector-codec.ts';
export { sampleText } from './representation/sample-text.ts';
export { generalizedJaccard, cosine, denseTarget, featureContributions, type Similarity, type DenseTarget } from './scoring/similarity.ts';
export { targetSet, scoreSample, type Aggregation, type TargetSet } from './scoring/targets.ts';
export { scoreStoredPool } from './scoring/score-pool.ts';
export { selectionSize, topScores, DEFAULT_RATIO } from './scoring/top-selection.ts';
export { SELECTION_METHODS, SELECTION_METHOD_NAMES, selectionMethod, type SelectionMethodName } from './methods/registry.ts';
export type { SelectionMethod, SelectionResources, SelectionProgress, TargetInput } from './methods/method.ts';
export { runSelection, type RunSelectionOptions, type SelectionResult, type SelectedSample } from './run-selection.ts';
export { representPoolJob, type RepresentPoolPayload } from './jobs/represent-pool-job.ts';
export { runSelectionJob, type RunSelectionPayload } from './jobs/run-selection-job.ts';
export { checkSelectionRequest } from './jobs/check-selection-request.ts';
export { loadSelectionEmbedder, loadSelectionResources, atlasDataDir, type ResourceSpec } from './jobs/selection-resources.ts';
export { readTargetTexts } from './pools/target-file.ts';
export { selectionJsonRecord, selectionJsonLines, type SelectionJsonRecord } from './selection-jsonl.ts';
