/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** Which features a search may return. Every field narrows; all are optional. */
export type FeatureSearchFilter = {
  densityMax?: number | null | undefined;
  /** Inclusive bounds on density (share of tokens a feature fires on), in 0..1. */
  densityMin?: number | null | undefined;
  /** A hook name, e.g. blocks.2.hook_resid_post. */
  hook?: string | null | undefined;
  /** Features with at least one label from one of these sources. */
  labelSources?: Array<LabelSource> | null | undefined;
  modelId?: string | null | undefined;
  /** At most 100. */
  saeIds?: Array<string> | null | undefined;
};

export type LabelSource =
  /** Written by a person. */
  | 'HUMAN'
  /** Written by a language model from the feature's evidence (`atlas label`). */
  | 'LLM'
  /** Made by the build from the feature's evidence (top activating tokens); every feature has one. */
  | 'MACHINE';

export type SearchMatchPart =
  | 'CONTEXT'
  | 'LABEL'
  | 'PEAK_WORDS';

export type SearchMode =
  /** Postgres full text over labels (weight A), peak words (B) and context words (C); score is ts_rank. */
  | 'FULL_TEXT'
  /** Full text and vectors fused by reciprocal rank (k = 60); score is the fused score. */
  | 'HYBRID'
  /** Nearest neighbours of the query's embedding (HNSW); score is the cosine. */
  | 'VECTOR';

export type FeatureMapQueryVariables = Exact<{
  saeId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type FeatureMapQuery = { sae: { map: { hasNextPage: boolean, endCursor: string | null, points: Array<{ index: number, x: number, y: number, density: number, isDead: boolean, label: string | null }> } } };

export type FeaturePageQueryVariables = Exact<{
  saeId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type FeaturePageQuery = { features: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, index: number, density: number, maxActivation: number, label: { text: string, source: LabelSource } | null, topActivations: Array<{ maxValue: number, maxPosition: number, tokens: Array<string>, values: Array<number> }> } }> } };

export type FeatureSummaryQueryVariables = Exact<{
  id: string;
}>;


export type FeatureSummaryQuery = { feature: { id: string, index: number, density: number, maxActivation: number, meanActivation: number, encoderDecoderCosine: number | null, isDead: boolean, isDense: boolean, label: { text: string, source: LabelSource, method: string | null, authorModel: string | null, updatedAt: string } | null, sae: { id: string, hookName: string, architecture: string, width: number, statisticsTokens: number | null, corpusName: string | null, model: { id: string, displayName: string } } } };

export type FeatureDetailQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
}>;


export type FeatureDetailQuery = { feature: { id: string, maxActivation: number, histogram: { edges: Array<number>, counts: Array<number>, total: number }, topActivations: Array<{ rank: number, maxValue: number, maxPosition: number, tokens: Array<string>, values: Array<number>, corpusName: string }>, quantileExamples: Array<{ lower: number, upper: number, count: number, examples: Array<{ rank: number, maxValue: number, maxPosition: number, tokens: Array<string>, values: Array<number>, corpusName: string }> }>, decoderNeighbours: Array<{ cosine: number, feature: { id: string, index: number, label: { text: string } | null } }>, coactivatingFeatures: Array<{ jaccard: number, feature: { id: string, index: number, label: { text: string } | null } }>, mapPosition: { x: number, y: number } | null, logitEffects: { positive: Array<{ token: string, value: number }>, negative: Array<{ token: string, value: number }> }, headAttribution: Array<{ head: number, share: number }> | null } };

export type ModelsQueryVariables = Exact<{ [key: string]: never; }>;


export type ModelsQuery = { models: Array<{ id: string, displayName: string, architecture: string, layerCount: number, dModel: number, vocabSize: number, contextLength: number, saes: Array<{ id: string, hookName: string, architecture: string, width: number, k: number | null, metrics: { l0: number, fvu: number, deadFraction: number } | null }> }> };

export type SaeQueryVariables = Exact<{
  id: string;
}>;


export type SaeQuery = { sae: { id: string, hookName: string, architecture: string, dIn: number, width: number, k: number | null, trainingTokens: number | null, statisticsTokens: number | null, corpusName: string | null, createdAt: string, metrics: { l0: number, fvu: number, deadFraction: number } | null, model: { id: string, displayName: string } } };

export type SearchFeaturesQueryVariables = Exact<{
  query: string;
  mode?: SearchMode | null | undefined;
  filter?: FeatureSearchFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchFeaturesQuery = { searchFeatures: { mode: SearchMode, expansions: Array<string>, notices: Array<string>, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, score: number, match: { part: SearchMatchPart, labelSource: LabelSource | null, text: string, highlights: Array<{ start: number, end: number }> } | null, node: { id: string, index: number, density: number, maxActivation: number, sae: { id: string }, label: { text: string, source: LabelSource } | null, topActivations: Array<{ maxPosition: number, tokens: Array<string>, values: Array<number> }> } }> } };

export type FeaturesForTextQueryVariables = Exact<{
  saeId: string;
  text: string;
  topK?: number | null | undefined;
}>;


export type FeaturesForTextQuery = { featuresForText: { notice: string | null, windows: { count: number, windowed: boolean }, densityFilter: { max: number, excludedFeatures: number } | null, tokens: Array<{ position: number, token: string, features: Array<{ index: number, value: number }> }>, features: Array<{ index: number, total: number, maxValue: number, maxPosition: number, tokenCount: number, feature: { id: string, density: number, label: { text: string } | null } }> } };

export type SteerFeatureQueryVariables = Exact<{
  featureId: string;
  strength: number;
  prompt: string;
  maxTokens?: number | null | undefined;
  temperature?: number | null | undefined;
  seed?: number | null | undefined;
}>;


export type SteerFeatureQuery = { steer: { hookName: string, strength: number, temperature: number, seed: number | null, promptTokens: Array<string>, promptTruncated: boolean, notice: string | null, baseline: { tokens: Array<string>, text: string }, steered: { tokens: Array<string>, text: string }, timing: { modelLoadMs: number, queuedMs: number, baselineMs: number, steeredMs: number } } };
