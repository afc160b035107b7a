/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type ApiKeyScope =
  /** Read queries (what anonymous clients may do, under the key's own rate limit). */
  | 'READ'
  /** READ, and label writes: propose, revise, vote (and review, hide for curators). */
  | 'WRITE';

/** How two SAEs' features are matched. */
export type ComparisonMethod =
  /** Pearson r of the two SAEs' activations on the same tokens: any two models sharing a tokenizer. */
  | 'ACTIVATION_CORRELATION'
  /** Atomic inner product: decoder cosine after whitening by the hook's activation covariance; same model and hook. */
  | 'AIP'
  /** Cosine of decoder rows: SAEs on one model and hook (any widths, architectures, seeds). */
  | 'DECODER_COSINE'
  /**
   * Feature families across widths: each feature of the narrower SAE A and its children in the wider
   * SAE B (decoder cosine ≥ 0.5 and P(parent fires | child fires) ≥ 0.5); same model and hook. Edges:
   * A = parent, B = child, score = cosine.
   */
  | 'FAMILIES';

export type CredentialKind =
  | 'API_KEY'
  | 'SESSION';

/** How a feature list is ordered; features with equal values follow by index. */
export type FeatureOrder =
  | 'DENSITY_ASC'
  | 'DENSITY_DESC'
  | 'INDEX'
  /** By the embedding score of the current label (Label.scores), best first; features without a scored label last. */
  | 'LABEL_SCORE'
  /** By the embedding score of the current label, worst first (labels to improve); features without a scored label last. */
  | 'LABEL_SCORE_ASC'
  | 'MAX_ACTIVATION_ASC'
  | 'MAX_ACTIVATION_DESC';

/** Which features a list keeps, by how often they fire on the statistics tokens. */
export type FeatureQuality =
  | 'ALL'
  /** Never fired. */
  | 'DEAD'
  /** Fired on more than 10% of tokens. */
  | 'DENSE'
  /** Fired at least once and on at most 10% of tokens. */
  | 'LIVE';

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

export type ImportPoolInput = {
  content: string;
  format: PoolUploadFormat;
  /** 1..128 letters, digits, '.', '_' or '-', starting with a letter or digit. */
  id: string;
  name?: string | null | undefined;
  skipMalformed?: boolean | null | undefined;
};

export type JobState =
  | 'CANCELLED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

export type LabelSource =
  /** Written by a person. */
  | 'HUMAN'
  /** Written by a language model from the feature's evidence (`atlas label`). */
  | 'LLM'
  /** Made by the build from the feature's evidence (top activating tokens); every feature has one. */
  | 'MACHINE';

export type PoolUploadFormat =
  | 'CSV'
  | 'JSONL';

export type ReviewState =
  | 'ACCEPTED'
  | 'PROPOSED'
  | 'REJECTED';

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

export type SelectionAggregation =
  /** Against the best single target. */
  | 'MAX'
  /** Against the mean of the targets (MONA's prototype). */
  | 'PROTOTYPE';

export type SelectionMethod =
  | 'BM25'
  | 'EMBEDDING'
  | 'HIDDEN'
  | 'MONA'
  | 'RANDOM';

export type SelectionSimilarity =
  | 'COSINE'
  | 'JACCARD';

export type SelectionStatus =
  | 'COMPLETE'
  | 'FAILED'
  | 'RUNNING';

export type StartSelectionInput = {
  aggregation?: SelectionAggregation | null | undefined;
  count?: number | null | undefined;
  method?: SelectionMethod;
  name?: string | null | undefined;
  poolId: string;
  ratio?: number | null | undefined;
  /** The SAE (mona), or the SAE whose hook the hidden states are read at (hidden). */
  saeId?: string | null | undefined;
  seed?: number | null | undefined;
  /** Default JACCARD (COSINE for EMBEDDING). */
  similarity?: SelectionSimilarity | null | undefined;
  targetPoolId?: string | null | undefined;
  targets?: Array<string> | null | undefined;
};

export type UserRole =
  | 'ADMIN'
  /** May review and hide labels. */
  | 'CURATOR'
  | 'MEMBER';

export type VoteValue =
  | 'DOWN'
  | 'NONE'
  | 'UP';

export type SignUpMutationVariables = Exact<{
  handle: string;
  password: string;
  displayName?: string | null | undefined;
}>;


export type SignUpMutation = { signUp: { token: string, expiresAt: string, user: { handle: string } } };

export type SignInMutationVariables = Exact<{
  handle: string;
  password: string;
}>;


export type SignInMutation = { signIn: { token: string, expiresAt: string, user: { handle: string } } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut: boolean };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { credential: CredentialKind, user: { id: string, handle: string, displayName: string, role: UserRole } } | null };

export type MyApiKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type MyApiKeysQuery = { myApiKeys: Array<{ id: string, name: string, prefix: string, scope: ApiKeyScope, createdAt: string, lastUsedAt: string | null, expiresAt: string | null, revokedAt: string | null }> };

export type CreateApiKeyMutationVariables = Exact<{
  name: string;
  scope?: ApiKeyScope | null | undefined;
}>;


export type CreateApiKeyMutation = { createApiKey: { key: string, apiKey: { id: string, name: string, prefix: string, scope: ApiKeyScope } } };

export type RevokeApiKeyMutationVariables = Exact<{
  id: string;
}>;


export type RevokeApiKeyMutation = { revokeApiKey: { id: string, revokedAt: string | null } };

export type ComparisonPageQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ComparisonPageQuery = { comparison: { id: string, method: ComparisonMethod, approximate: boolean, matchCount: number, createdAt: string, saeA: { id: string, width: number, model: { id: string, displayName: string } }, saeB: { id: string, width: number, model: { id: string, displayName: string } }, params: Array<{ name: string, value: string }>, figures: Array<{ name: string, value: number, description: string, pValue: number | null, null: { kind: string, draws: number, mean: number, sd: number, max: number } | null }>, scoreHistogram: { lower: number, upper: number, counts: Array<number> }, matches: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { score: number, mutual: boolean, featureA: { id: string, index: number, label: { text: string } | null, topActivations: Array<{ tokens: Array<string>, values: Array<number>, maxPosition: number, maxValue: number }> }, featureB: { id: string, index: number, label: { text: string } | null, topActivations: Array<{ tokens: Array<string>, values: Array<number>, maxPosition: number, maxValue: number }> } } }> } } };

export type FeatureMatchesFieldsFragment = { decoderCosine: { totalCount: number, edges: Array<{ node: { score: number, mutual: boolean, assigned: boolean, comparison: { id: string }, featureA: { id: string, index: number, sae: { id: string }, label: { text: string } | null }, featureB: { id: string, index: number, sae: { id: string }, label: { text: string } | null } } }> }, aip: { totalCount: number, edges: Array<{ node: { score: number, mutual: boolean, assigned: boolean, comparison: { id: string }, featureA: { id: string, index: number, sae: { id: string }, label: { text: string } | null }, featureB: { id: string, index: number, sae: { id: string }, label: { text: string } | null } } }> }, activationCorrelation: { totalCount: number, edges: Array<{ node: { score: number, mutual: boolean, assigned: boolean, comparison: { id: string }, featureA: { id: string, index: number, sae: { id: string }, label: { text: string } | null }, featureB: { id: string, index: number, sae: { id: string }, label: { text: string } | null } } }> } };

export type MatchListFragment = { totalCount: number, edges: Array<{ node: { score: number, mutual: boolean, assigned: boolean, comparison: { id: string }, featureA: { id: string, index: number, sae: { id: string }, label: { text: string } | null }, featureB: { id: string, index: number, sae: { id: string }, label: { text: string } | null } } }> };

export type SaeComparisonsQueryVariables = Exact<{
  id: string;
}>;


export type SaeComparisonsQuery = { comparisons: Array<{ id: string, method: ComparisonMethod, saeA: { id: string }, saeB: { id: string }, figures: Array<{ name: string, value: number }> }> };

export type FeatureFamilyFieldsFragment = { family: { parents: Array<{ cosine: number, containment: number, comparison: { id: string }, feature: { id: string, index: number, sae: { id: string }, label: { text: string } | null } }>, children: Array<{ cosine: number, containment: number, comparison: { id: string }, feature: { id: string, index: number, sae: { id: string }, label: { text: string } | null } }> } | null };

export type FamilyMemberFieldsFragment = { cosine: number, containment: number, comparison: { id: string }, feature: { id: string, index: number, sae: { id: string }, label: { text: string } | null } };

export type FeatureMapQueryVariables = Exact<{
  saeId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type FeatureMapQuery = { sae: { map: { hasNextPage: boolean, endCursor: string | null, points: Array<{ index: number, x: number, y: number, density: number, isDead: boolean, label: string | null, labelSource: LabelSource | null, cluster: number | null }>, clusters: Array<{ cluster: number, caption: string, x: number, y: number, size: number }> } } };

export type FeatureOnTextQueryVariables = Exact<{
  saeId: string;
  text: string;
}>;


export type FeatureOnTextQuery = { featuresForText: { notice: string | null, tokens: Array<{ position: number, token: string, features: Array<{ index: number, value: number }> }> } };

export type FeaturePageQueryVariables = Exact<{
  saeId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  orderBy?: FeatureOrder | null | undefined;
  quality?: FeatureQuality | null | undefined;
  labelContains?: string | null | undefined;
}>;


export type FeaturePageQuery = { features: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, index: number, density: number, maxActivation: number, label: { text: string, source: LabelSource } | null, topActivations: Array<{ maxValue: number, maxPosition: number, tokens: Array<string>, values: Array<number> }> } }> } };

export type ActivationExampleFieldsFragment = { rank: number, maxValue: number, maxPosition: number, tokens: Array<string>, values: Array<number>, corpusName: string };

export type FeatureViewQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
}>;


export type FeatureViewQuery = { feature: { id: string, index: number, density: number, maxActivation: number, meanActivation: number, encoderDecoderCosine: number | null, isDead: boolean, isDense: boolean, label: { text: string, source: LabelSource, method: string | null, authorModel: string | null, updatedAt: string } | null, sae: { id: string, hookName: string, architecture: string, width: number, statisticsTokens: number | null, corpusName: string | null, model: { id: string, displayName: string } }, histogram: { edges: Array<number>, counts: Array<number>, total: number }, topActivations: Array<{ rank: number, maxValue: number, maxPosition: number, tokens: Array<string>, values: Array<number>, corpusName: string }>, decoderNeighbours: Array<{ cosine: number, feature: { id: string, index: number, label: { text: string } | null } }>, coactivatingFeatures: Array<{ jaccard: number, feature: { id: string, index: number, label: { text: string } | null } }>, mapPosition: { x: number, y: number } | null, logitEffects: { positive: Array<{ token: string, value: number }>, negative: Array<{ token: string, value: number }> }, headAttribution: Array<{ head: number, share: number }> | null } };

export type FeatureTopActivationsQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
}>;


export type FeatureTopActivationsQuery = { feature: { id: string, maxActivation: number, topActivations: Array<{ rank: number, maxValue: number, maxPosition: number, tokens: Array<string>, values: Array<number>, corpusName: string }> } };

export type FeatureQuantileExamplesQueryVariables = Exact<{
  id: string;
}>;


export type FeatureQuantileExamplesQuery = { feature: { id: string, maxActivation: number, quantileExamples: Array<{ lower: number, upper: number, count: number, examples: Array<{ rank: number, maxValue: number, maxPosition: number, tokens: Array<string>, values: Array<number>, corpusName: string }> }> } };

export type FeatureRelationsQueryVariables = Exact<{
  id: string;
}>;


export type FeatureRelationsQuery = { feature: { id: string, index: number, sae: { id: string }, label: { text: string } | null, decoderCosine: { totalCount: number, edges: Array<{ node: { score: number, mutual: boolean, assigned: boolean, comparison: { id: string }, featureA: { id: string, index: number, sae: { id: string }, label: { text: string } | null }, featureB: { id: string, index: number, sae: { id: string }, label: { text: string } | null } } }> }, aip: { totalCount: number, edges: Array<{ node: { score: number, mutual: boolean, assigned: boolean, comparison: { id: string }, featureA: { id: string, index: number, sae: { id: string }, label: { text: string } | null }, featureB: { id: string, index: number, sae: { id: string }, label: { text: string } | null } } }> }, activationCorrelation: { totalCount: number, edges: Array<{ node: { score: number, mutual: boolean, assigned: boolean, comparison: { id: string }, featureA: { id: string, index: number, sae: { id: string }, label: { text: string } | null }, featureB: { id: string, index: number, sae: { id: string }, label: { text: string } | null } } }> }, family: { parents: Array<{ cosine: number, containment: number, comparison: { id: string }, feature: { id: string, index: number, sae: { id: string }, label: { text: string } | null } }>, children: Array<{ cosine: number, containment: number, comparison: { id: string }, feature: { id: string, index: number, sae: { id: string }, label: { text: string } | null } }> } | null } };

export type FeatureLabelsQueryVariables = Exact<{
  id: string;
}>;


export type FeatureLabelsQuery = { viewer: { user: { handle: string } } | null, feature: { labels: Array<{ id: string, text: string, tags: Array<string>, source: LabelSource, method: string | null, version: number, score: number, upvotes: number, downvotes: number, myVote: number | null, reviewState: ReviewState, scores: Array<{ scorer: string, version: string, score: number, positives: number, negatives: number }>, createdBy: { handle: string } | null, history: { edges: Array<{ node: { version: number, text: string, createdAt: string, authorModel: string | null, source: LabelSource, author: { handle: string } | null } }> } }> } };

export type ProposeLabelMutationVariables = Exact<{
  featureId: string;
  text: string;
  tags?: Array<string> | string | null | undefined;
}>;


export type ProposeLabelMutation = { proposeLabel: { id: string } };

export type VoteLabelMutationVariables = Exact<{
  labelId: string;
  vote: VoteValue;
}>;


export type VoteLabelMutation = { voteLabel: { id: string, score: number, myVote: number | null } };

export type ModelWithSaesFieldsFragment = { id: string, displayName: string, architecture: string, layerCount: number, dModel: number, vocabSize: number, contextLength: number, saes: Array<{ id: string, hookName: string, architecture: string, width: number, k: number | null, metrics: { l0: number, fvu: number, deadFraction: number } | null }> };

export type ModelQueryVariables = Exact<{
  id: string;
}>;


export type ModelQuery = { model: { id: string, displayName: string, architecture: string, layerCount: number, dModel: number, vocabSize: number, contextLength: number, saes: Array<{ id: string, hookName: string, architecture: string, width: number, k: number | null, metrics: { l0: number, fvu: number, deadFraction: number } | null }> } };

export type ModelsQueryVariables = Exact<{ [key: string]: never; }>;


export type ModelsQuery = { models: Array<{ id: string, displayName: string, architecture: string, layerCount: number, dModel: number, vocabSize: number, contextLength: number, saes: Array<{ id: string, hookName: string, architecture: string, width: number, k: number | null, metrics: { l0: number, fvu: number, deadFraction: number } | null }> }> };

export type LabelListingFieldsFragment = { id: string, featureId: string, text: string, source: LabelSource, version: number, tags: Array<string>, createdAt: string, updatedAt: string, upvotes: number, downvotes: number, reviewState: ReviewState, reviewNote: string | null, hidden: boolean, createdBy: { handle: string } | null, author: { handle: string } | null };

export type ReviewQueueQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ReviewQueueQuery = { reviewQueue: { edges: Array<{ node: { id: string, featureId: string, text: string, source: LabelSource, version: number, tags: Array<string>, createdAt: string, updatedAt: string, upvotes: number, downvotes: number, reviewState: ReviewState, reviewNote: string | null, hidden: boolean, createdBy: { handle: string } | null, author: { handle: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type MyContributionsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyContributionsQuery = { myContributions: { edges: Array<{ node: { id: string, featureId: string, text: string, source: LabelSource, version: number, tags: Array<string>, createdAt: string, updatedAt: string, upvotes: number, downvotes: number, reviewState: ReviewState, reviewNote: string | null, hidden: boolean, createdBy: { handle: string } | null, author: { handle: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ReviewLabelMutationVariables = Exact<{
  labelId: string;
  state: ReviewState;
  note?: string | null | undefined;
}>;


export type ReviewLabelMutation = { reviewLabel: { id: string, reviewState: ReviewState, reviewNote: string | null } };

export type SaeQueryVariables = Exact<{
  id: string;
}>;


export type SaeQuery = { sae: { id: string, hookName: string, architecture: string, dIn: number, width: number, k: number | null, trainingTokens: number | null, statisticsTokens: number | null, corpusName: string | null, createdAt: string, metrics: { l0: number, fvu: number, deadFraction: number } | null, atoms: { r2: number, coherence: number, aip: number, uniqueShare: number, maxUniqueSupport: number | null } | null, model: { id: string, displayName: string } } };

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

export type SelectionHomeQueryVariables = Exact<{ [key: string]: never; }>;


export type SelectionHomeQuery = { pools: { edges: Array<{ node: { id: string, name: string, format: string, sampleCount: number, createdAt: string, selections: Array<{ id: string, name: string, method: SelectionMethod, status: SelectionStatus, selectedCount: number | null, poolSize: number | null, createdAt: string }> } }> }, models: Array<{ id: string, saes: Array<{ id: string, hookName: string, width: number }> }> };

export type SelectionJobQueryVariables = Exact<{
  jobId: string;
}>;


export type SelectionJobQuery = { job: { id: string, kind: string, state: JobState, attempts: number, maxAttempts: number, createdAt: string, startedAt: string | null, finishedAt: string | null, progress: { done: number, total: number | null, unit: string | null, rate: number | null, etaSeconds: number | null } | null, error: { code: string, message: string } | null } | null, selectionOfJob: { id: string, status: SelectionStatus, error: string | null, selectedCount: number | null, poolSize: number | null } | null };

export type SelectionPageQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SelectionPageQuery = { selection: { id: string, name: string, method: SelectionMethod, status: SelectionStatus, error: string | null, ratio: number | null, count: number | null, targetCount: number, poolSize: number | null, selectedCount: number | null, createdAt: string, finishedAt: string | null, targetPool: { id: string, name: string } | null, pool: { id: string, name: string, sampleCount: number }, sae: { id: string } | null, job: { id: string, state: JobState } | null, items: { edges: Array<{ node: { rank: number, score: number, sample: { externalId: string, text: string, response: string | null }, drivingFeatures: Array<{ index: number, contribution: number, feature: { id: string, label: { text: string } | null } | null }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type SelectionJsonlQueryVariables = Exact<{
  id: string;
  after?: string | null | undefined;
}>;


export type SelectionJsonlQuery = { selection: { jsonl: { text: string, endCursor: string | null, hasNextPage: boolean } } | null };

export type ImportPoolMutationVariables = Exact<{
  input: ImportPoolInput;
}>;


export type ImportPoolMutation = { importPool: { imported: number, pool: { id: string, sampleCount: number }, skipped: Array<{ line: number, message: string }> } };

export type StartSelectionMutationVariables = Exact<{
  input: StartSelectionInput;
}>;


export type StartSelectionMutation = { startSelection: { id: string, state: JobState } };

export type CancelSelectionJobMutationVariables = Exact<{
  id: string;
}>;


export type CancelSelectionJobMutation = { cancelJob: { id: string, state: JobState } };

export type SteerFeatureQueryVariables = Exact<{
  featureId: string;
  strength: number;
  prompt: string;
  maxTokens?: number | null | undefined;
  temperature?: number | null | undefined;
  seed?: number | null | undefined;
}>;


export type SteerFeatureQuery = { steer: { hookName: string, strength: number, temperature: number, seed: number | null, promptTokens: Array<string>, promptTruncated: boolean, notice: string | null, baseline: { tokens: Array<string>, text: string }, steered: { tokens: Array<string>, text: string }, timing: { modelLoadMs: number, queuedMs: number, baselineMs: number, steeredMs: number } } };
