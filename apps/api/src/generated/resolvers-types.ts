import type { GraphQLResolveInfo } from 'graphql';
import type { ModelMapper, SaeMapper, FeatureMapper, ActivationExampleMapper, HistogramMapper, QuantileBinMapper, LabelMapper, FeatureNeighbourMapper, LogitEffectsMapper, TokenEffectMapper, FeatureConnectionMapper, CoactivatingFeatureMapper, FeatureMapMapper, MapPointMapper } from '../domains/catalog/mappers.ts';
import type { ComparisonMapper, FeatureMatchMapper, FeatureMatchConnectionMapper, ComparisonFigureMapper, FeatureFamilyMapper, FamilyMemberMapper } from '../domains/compare/mappers.ts';
import type { UserMapper, ApiKeyMapper, CreatedApiKeyMapper, SessionMapper, ViewerMapper, LabelVersionMapper, LabelConnectionMapper, LabelVersionConnectionMapper } from '../domains/contributions/mappers.ts';
import type { JobMapper, JobProgressMapper, JobFailureMapper } from '../domains/jobs/mappers.ts';
import type { LabelScoreMapper } from '../domains/label-scores/mappers.ts';
import type { FeatureSearchConnectionMapper, FeatureSearchEdgeMapper, SearchMatchMapper, TextFeaturesMapper, TextTokenMapper, TokenFeatureMapper, TextFeatureMapper } from '../domains/search/mappers.ts';
import type { PoolMapper, SelectionMapper, PoolConnectionMapper, SelectionItemConnectionMapper, SelectionItemMapper, PoolSampleMapper, DrivingFeatureMapper, ImportPoolResultMapper } from '../domains/selection/mappers.ts';
import type { ApiContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
};

/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type Query = {
  __typename?: 'Query';
  /** Every language model in the atlas. */
  models: Array<Model>;
  /** One model by id, or NOT_FOUND. */
  model: Model;
  /** Every SAE whose build is complete, optionally for one model. */
  saes: Array<Sae>;
  /** One SAE by id, or NOT_FOUND. */
  sae: Sae;
  /** One feature by id, or NOT_FOUND. */
  feature: Feature;
  /**
   * Features of one SAE, by index unless orderBy says otherwise (ties by index), optionally only
   * live, dead or dense ones (quality) or those whose current label contains labelContains
   * (case-insensitive, literal; 1..200 characters, BAD_USER_INPUT otherwise); totalCount then
   * counts what they keep. first: 1..100 (default 25); after: endCursor of the previous page of the same list.
   */
  features: FeatureConnection;
  /**
   * The latest finished comparison of SAE A with SAE B by a method, or null when none has been run
   * (startComparison runs one). NOT_FOUND for an unknown SAE id.
   */
  compare?: Maybe<Comparison>;
  /** One finished comparison by id, or NOT_FOUND. */
  comparison: Comparison;
  /** Finished comparisons, newest first; with saeId, those with that SAE on either side. first: 1..100 (default 25). */
  comparisons: Array<Comparison>;
  /** Who is asking; null when anonymous. */
  viewer?: Maybe<Viewer>;
  /** The viewer's API keys, newest first (revoked ones too, marked). UNAUTHENTICATED when anonymous. */
  myApiKeys: Array<ApiKey>;
  /** One label by id; a hidden label only for its author, curators and admins. */
  label?: Maybe<Label>;
  /** A label's versions, newest first. first: 1..100 (default 25); after: endCursor of the previous page. */
  labelHistory: LabelVersionConnection;
  /** Human labels waiting for review (PROPOSED, not hidden), oldest first; optionally of one SAE. Curators and admins only (FORBIDDEN otherwise). */
  reviewQueue: LabelConnection;
  /** Labels the viewer started or revised, newest first. UNAUTHENTICATED when anonymous. */
  myContributions: LabelConnection;
  /** A job by id; null when no job has it. */
  job?: Maybe<Job>;
  /**
   * Features whose labels or evidence (the words they fire on and around) match the query: Postgres
   * full text (WordNet synonyms and hypernyms added) fused with nearest neighbours of the query's
   * embedding by reciprocal rank (HYBRID), or either alone. Nothing in the query is read as syntax:
   * words and "quoted phrases" only. first: 1..100 (default 20); after: a cursor from this search.
   * BAD_USER_INPUT: an empty or whitespace query, over 500 characters, no letter or digit; an unknown
   * model, SAE or hook in the filter; density bounds outside 0..1; first out of range; a cursor from
   * another search.
   */
  searchFeatures: FeatureSearchConnection;
  /**
   * Runs the SAE's model and the SAE on a text: each token with its strongest features, and the
   * features most active over the whole text. Features denser than densityMax (default 0.1, the
   * always-on ones) are left out of both. A text longer than the model's context runs in overlapping
   * windows and `windows`/`notice` say so. topK: 1..64 (default 5) features per token. Limits
   * (BAD_USER_INPUT): text not empty, at most 64 KiB and 8,192 tokens. MODEL_UNAVAILABLE when the
   * model's or the SAE's files are not on this server. Once per request; one text runs at a time,
   * at most 8 wait (RATE_LIMITED beyond).
   */
  featuresForText: TextFeatures;
  /** Data pools by id. first: 1..100 (default 25); after: endCursor of the previous page. */
  pools: PoolConnection;
  pool?: Maybe<Pool>;
  selection?: Maybe<Selection>;
  /** The selection a startSelection job runs: null until the job has started it (while QUEUED). */
  selectionOfJob?: Maybe<Selection>;
  /**
   * Continues a prompt twice with the feature's SAE model: as it is (baseline) and with
   * strength × the feature's decoder row added to the SAE's hook at every position (steered).
   * temperature 0 is greedy; above 0 both runs sample with the same seed, so they differ only by
   * the steering. A Query, not a Mutation: it writes nothing and the same arguments (with a seed)
   * give the same answer, so clients may cache it and send it as GET.
   * Limits (BAD_USER_INPUT otherwise): prompt 1..2000 characters and not only whitespace;
   * |strength| <= 200 (in units of the feature's activation); maxTokens 1..128; temperature 0..2;
   * seed a non-negative 32-bit integer. MODEL_UNAVAILABLE when the model's files are not on this server.
   * Once per request; rate-limited per client (RATE_LIMITED, also when the steering queue is full).
   */
  steer: SteeringResult;
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QueryModelArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QuerySaesArgs = {
  modelId?: InputMaybe<Scalars['ID']['input']>;
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QuerySaeArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QueryFeatureArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QueryFeaturesArgs = {
  saeId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  orderBy?: InputMaybe<FeatureOrder>;
  quality?: InputMaybe<FeatureQuality>;
  labelContains?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QueryCompareArgs = {
  saeA: Scalars['ID']['input'];
  saeB: Scalars['ID']['input'];
  method: ComparisonMethod;
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QueryComparisonArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QueryComparisonsArgs = {
  saeId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QueryLabelArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QueryLabelHistoryArgs = {
  labelId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QueryReviewQueueArgs = {
  saeId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QueryMyContributionsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QueryJobArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QuerySearchFeaturesArgs = {
  query: Scalars['String']['input'];
  filter?: InputMaybe<FeatureSearchFilter>;
  mode?: InputMaybe<SearchMode>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QueryFeaturesForTextArgs = {
  saeId: Scalars['ID']['input'];
  text: Scalars['String']['input'];
  topK?: InputMaybe<Scalars['Int']['input']>;
  densityMax?: InputMaybe<Scalars['Float']['input']>;
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QueryPoolsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QueryPoolArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QuerySelectionArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QuerySelectionOfJobArgs = {
  jobId: Scalars['ID']['input'];
};


/**
 * Feature Atlas GraphQL API. Ids are stable and readable:
 *   model:   demo-lm
 *   SAE:     demo-lm/blocks.2.hook_resid_post/topk-4096
 *   feature: demo-lm/blocks.2.hook_resid_post/topk-4096/123
 * Errors carry extensions.code: NOT_FOUND, BAD_USER_INPUT, MODEL_UNAVAILABLE (steer),
 * QUERY_TOO_COSTLY (a query over the cost, depth, alias or time limits), RATE_LIMITED (retry after
 * the time given), CANCELLED, DATABASE_UNAVAILABLE, INTERNAL_SERVER_ERROR.
 */
export type QuerySteerArgs = {
  featureId: Scalars['ID']['input'];
  strength: Scalars['Float']['input'];
  prompt: Scalars['String']['input'];
  maxTokens?: InputMaybe<Scalars['Int']['input']>;
  temperature?: InputMaybe<Scalars['Float']['input']>;
  seed?: InputMaybe<Scalars['Int']['input']>;
};

/** Who may cache an answer: any cache (PUBLIC), or only the asking client (PRIVATE, for answers that depend on the viewer). */
export type CacheControlScope =
  | 'PUBLIC'
  | 'PRIVATE';

/** How a feature list is ordered; features with equal values follow by index. */
export type FeatureOrder =
  | 'INDEX'
  | 'DENSITY_DESC'
  | 'DENSITY_ASC'
  | 'MAX_ACTIVATION_DESC'
  | 'MAX_ACTIVATION_ASC'
  /** By the embedding score of the current label (Label.scores), best first; features without a scored label last. */
  | 'LABEL_SCORE'
  /** By the embedding score of the current label, worst first (labels to improve); features without a scored label last. */
  | 'LABEL_SCORE_ASC';

/** Which features a list keeps, by how often they fire on the statistics tokens. */
export type FeatureQuality =
  | 'ALL'
  /** Fired at least once and on at most 10% of tokens. */
  | 'LIVE'
  /** Never fired. */
  | 'DEAD'
  /** Fired on more than 10% of tokens. */
  | 'DENSE';

export type Model = {
  __typename?: 'Model';
  id: Scalars['ID']['output'];
  displayName: Scalars['String']['output'];
  architecture: Scalars['String']['output'];
  layerCount: Scalars['Int']['output'];
  dModel: Scalars['Int']['output'];
  vocabSize: Scalars['Int']['output'];
  contextLength: Scalars['Int']['output'];
  saes: Array<Sae>;
};

export type Sae = {
  __typename?: 'Sae';
  id: Scalars['ID']['output'];
  model: Model;
  hookName: Scalars['String']['output'];
  architecture: Scalars['String']['output'];
  dIn: Scalars['Int']['output'];
  width: Scalars['Int']['output'];
  k?: Maybe<Scalars['Int']['output']>;
  /** Training tokens the SAE saw. */
  trainingTokens?: Maybe<Scalars['Float']['output']>;
  metrics?: Maybe<SaeMetrics>;
  /** Tokens of corpus text its feature statistics were computed on. */
  statisticsTokens?: Maybe<Scalars['Float']['output']>;
  corpusName?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['String']['output'];
  /** Its features: the same ordering and filter as Query.features. */
  features: FeatureConnection;
  /**
   * Features placed on the SAE's map (UMAP of decoder directions), by index, with their labels for
   * hover. first: 1..10000 (default 5000); after: endCursor of the previous page. bounds keeps only
   * points inside the rectangle (a zoomed-in view).
   */
  map: FeatureMap;
  /**
   * The atoms view of the SAE (computed by the build on its activations): R², decoder coherence μ,
   * mean atomic inner product, and the uniqueness share q*. Null for SAEs built before it existed.
   */
  atoms?: Maybe<SaeAtoms>;
};


export type SaeFeaturesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  orderBy?: InputMaybe<FeatureOrder>;
  quality?: InputMaybe<FeatureQuality>;
  labelContains?: InputMaybe<Scalars['String']['input']>;
};


export type SaeMapArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  bounds?: InputMaybe<MapBoundsInput>;
};

export type SaeMetrics = {
  __typename?: 'SaeMetrics';
  l0: Scalars['Float']['output'];
  fvu: Scalars['Float']['output'];
  deadFraction: Scalars['Float']['output'];
};

/** A page of features: its cost is the page size (`first`) times its selection. */
export type FeatureConnection = {
  __typename?: 'FeatureConnection';
  edges: Array<FeatureEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type FeatureEdge = {
  __typename?: 'FeatureEdge';
  cursor: Scalars['String']['output'];
  node: Feature;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
  endCursor?: Maybe<Scalars['String']['output']>;
};

export type Feature = {
  __typename?: 'Feature';
  id: Scalars['ID']['output'];
  index: Scalars['Int']['output'];
  sae: Sae;
  /** Share of tokens on which the feature fires (value > 0). */
  density: Scalars['Float']['output'];
  maxActivation: Scalars['Float']['output'];
  meanActivation: Scalars['Float']['output'];
  /** Cosine between the feature's encoder column and decoder row; null when not computed. */
  encoderDecoderCosine?: Maybe<Scalars['Float']['output']>;
  /** Never fired on the statistics tokens. */
  isDead: Scalars['Boolean']['output'];
  /** Fired on more than 10% of the statistics tokens. */
  isDense: Scalars['Boolean']['output'];
  /** Top-activating contexts, strongest first (at most 20 unless first is given). */
  topActivations: Array<ActivationExample>;
  histogram: Histogram;
  /** Examples across the feature's activation range: its contexts' maxima (a uniform sample of them) cut into equal-count bins, weakest first; empty bins are left out. */
  quantileExamples: Array<QuantileBin>;
  /** The decoder row (length dIn). Only fetched when asked for. */
  decoderVector: Array<Scalars['Float']['output']>;
  /** Best current label, if any. */
  label?: Maybe<Label>;
  /** The (up to 10) features of the same SAE whose decoder directions are nearest in cosine, nearest first. */
  decoderNeighbours: Array<FeatureNeighbour>;
  /** Tokens whose logits the decoder direction raises and lowers most (W_dec · W_U); empty when the model's unembedding was not available. */
  logitEffects: LogitEffects;
  /**
   * For features of an SAE on an attention head output (blocks.L.attn.hook_z): each head's share of
   * the decoder row's squared norm (shares sum to 1), by head. Null for SAEs on other hooks (and for
   * hook_z atlases built before head attribution existed).
   */
  headAttribution?: Maybe<Array<HeadShare>>;
  /**
   * The (up to 10) features of the same SAE that most often fire on the same tokens as this one,
   * by Jaccard index over the statistics tokens, highest first.
   */
  coactivatingFeatures: Array<CoactivatingFeature>;
  /** The feature's place on its SAE's map (UMAP of decoder directions, coordinates in 0..1); null when not computed. */
  mapPosition?: Maybe<MapPosition>;
  /**
   * The same feature elsewhere: this feature's match edges in finished comparisons by a method, with
   * it on either side, best score first. first: 1..100 (default 10); after: endCursor of the previous page.
   */
  matches: FeatureMatchConnection;
  /**
   * The feature's family across widths, from finished FAMILIES comparisons: its parents in narrower
   * SAEs on the same hook and its children in wider ones. Null when no stored families comparison
   * gives it a parent or a child (startComparison(method: FAMILIES) runs one).
   */
  family?: Maybe<FeatureFamily>;
  /** Every label of the feature in the order they compete to be its label (accepted first, then by votes); hidden ones only with includeHidden, for curators. */
  labels: Array<Label>;
  /**
   * The features of other SAEs on the same model and hook whose decoder directions are nearest in
   * cosine: perSae (1..10, default 3) per SAE, from at most 10 SAEs, nearest first.
   */
  decoderNeighboursAcrossSaes: Array<FeatureNeighbour>;
};


export type FeatureTopActivationsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type FeatureMatchesArgs = {
  method?: ComparisonMethod;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};


export type FeatureLabelsArgs = {
  includeHidden?: InputMaybe<Scalars['Boolean']['input']>;
};


export type FeatureDecoderNeighboursAcrossSaesArgs = {
  perSae?: InputMaybe<Scalars['Int']['input']>;
};

export type FeatureNeighbour = {
  __typename?: 'FeatureNeighbour';
  feature: Feature;
  /** Cosine similarity of the two decoder directions. */
  cosine: Scalars['Float']['output'];
};

export type LogitEffects = {
  __typename?: 'LogitEffects';
  /** Most promoted tokens, strongest first. */
  positive: Array<TokenEffect>;
  /** Most suppressed tokens, most negative first. */
  negative: Array<TokenEffect>;
};

export type TokenEffect = {
  __typename?: 'TokenEffect';
  token: Scalars['String']['output'];
  /** Direct effect on the token's logit per unit of activation. */
  value: Scalars['Float']['output'];
};

/** A context with one value per token: weighs 3 (two arrays of up to a context's length). */
export type ActivationExample = {
  __typename?: 'ActivationExample';
  /** Rank among the feature's top activations (or quantile examples), from 0. */
  rank: Scalars['Int']['output'];
  maxValue: Scalars['Float']['output'];
  /** Token position of the maximum within tokens. */
  maxPosition: Scalars['Int']['output'];
  tokens: Array<Scalars['String']['output']>;
  /** One value per token (0 where the feature did not fire). */
  values: Array<Scalars['Float']['output']>;
  corpusName: Scalars['String']['output'];
};

export type QuantileBin = {
  __typename?: 'QuantileBin';
  /** Smallest context maximum in the bin. */
  lower: Scalars['Float']['output'];
  /** Largest context maximum in the bin. */
  upper: Scalars['Float']['output'];
  /** Sampled contexts that fell in the bin. */
  count: Scalars['Int']['output'];
  /** Up to 5 contexts whose maximum lies in [lower, upper], weakest first; rank is bin × 5 + place. */
  examples: Array<ActivationExample>;
};

export type Histogram = {
  __typename?: 'Histogram';
  /** Bin edges, length = counts + 1, over the feature's non-zero activations. */
  edges: Array<Scalars['Float']['output']>;
  counts: Array<Scalars['Int']['output']>;
  /** Non-zero activations counted. */
  total: Scalars['Int']['output'];
};

export type Label = {
  __typename?: 'Label';
  text: Scalars['String']['output'];
  source: LabelSource;
  /** How a MACHINE or LLM label was made, e.g. `top-tokens v1`; null for human labels. */
  method?: Maybe<Scalars['String']['output']>;
  /** The language model that wrote an LLM label. */
  authorModel?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The feature's id (<sae id>/<index>): a label keeps it through rebuilds of the SAE. */
  featureId: Scalars['ID']['output'];
  /** The feature, while its SAE is built. */
  feature?: Maybe<Feature>;
  tags: Array<Scalars['String']['output']>;
  /** The newest version's number, from 1. */
  version: Scalars['Int']['output'];
  /** Who wrote the newest version (null for the build's and LLM versions). */
  author?: Maybe<User>;
  /** Who proposed the label (null for the build's labels). */
  createdBy?: Maybe<User>;
  createdAt: Scalars['String']['output'];
  upvotes: Scalars['Int']['output'];
  downvotes: Scalars['Int']['output'];
  /** upvotes − downvotes. */
  score: Scalars['Int']['output'];
  /** Your vote: 1, -1, or null (none, or anonymous). */
  myVote?: Maybe<Scalars['Int']['output']>;
  reviewState: ReviewState;
  reviewedBy?: Maybe<User>;
  reviewedAt?: Maybe<Scalars['String']['output']>;
  reviewNote?: Maybe<Scalars['String']['output']>;
  hidden: Scalars['Boolean']['output'];
  hiddenReason?: Maybe<Scalars['String']['output']>;
  hiddenBy?: Maybe<User>;
  /** Its versions, newest first. */
  history: LabelVersionConnection;
  /**
   * How well the label's newest version predicts where its feature fires on held-out contexts, one
   * entry per scorer and scorer version (`atlas score-labels`); empty until scored. Best-known first:
   * scorers by name, newest version first.
   */
  scores: Array<LabelScore>;
};


export type LabelHistoryArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};

export type LabelSource =
  /** Written by a person. */
  | 'HUMAN'
  /** Made by the build from the feature's evidence (top activating tokens); every feature has one. */
  | 'MACHINE'
  /** Written by a language model from the feature's evidence (`atlas label`). */
  | 'LLM';

export type HeadShare = {
  __typename?: 'HeadShare';
  /** Head index within the layer, from 0. */
  head: Scalars['Int']['output'];
  /** ‖W_dec[feature, head slice]‖² / ‖W_dec[feature]‖², in 0..1. */
  share: Scalars['Float']['output'];
};

export type CoactivatingFeature = {
  __typename?: 'CoactivatingFeature';
  feature: Feature;
  /** Tokens both fire on / tokens either fires on (0..1). */
  jaccard: Scalars['Float']['output'];
};

export type MapPosition = {
  __typename?: 'MapPosition';
  x: Scalars['Float']['output'];
  y: Scalars['Float']['output'];
};

/** A rectangle of the map, inclusive (coordinates lie in 0..1). */
export type MapBoundsInput = {
  minX: Scalars['Float']['input'];
  minY: Scalars['Float']['input'];
  maxX: Scalars['Float']['input'];
  maxY: Scalars['Float']['input'];
};

/** A page of map points: its cost is the page size (`first`) times its selection. */
export type FeatureMap = {
  __typename?: 'FeatureMap';
  points: Array<MapPoint>;
  hasNextPage: Scalars['Boolean']['output'];
  /** Pass as after for the next page; null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** The map's clusters (the same on every page, at most 64): points name theirs in MapPoint.cluster. */
  clusters: Array<MapCluster>;
};

/** A region of the map: nearby features, captioned with the words characteristic of their labels. Free: a map has at most 64. */
export type MapCluster = {
  __typename?: 'MapCluster';
  /** The cluster's number; clusters are numbered by size, largest first. */
  cluster: Scalars['Int']['output'];
  /** A few words characteristic of its features' labels, joined by ' · ' (or 'cluster N'). */
  caption: Scalars['String']['output'];
  /** Where the caption goes: the centre of its features on the map (0..1). */
  x: Scalars['Float']['output'];
  y: Scalars['Float']['output'];
  /** How many features it has. */
  size: Scalars['Int']['output'];
};

/** One row of the map query: weighs 0.2. */
export type MapPoint = {
  __typename?: 'MapPoint';
  /** The feature's id (load it with feature(id:)). */
  featureId: Scalars['ID']['output'];
  index: Scalars['Int']['output'];
  x: Scalars['Float']['output'];
  y: Scalars['Float']['output'];
  density: Scalars['Float']['output'];
  isDead: Scalars['Boolean']['output'];
  /** The current label's text, if any. */
  label?: Maybe<Scalars['String']['output']>;
  /** Who made the current label; null without one. */
  labelSource?: Maybe<LabelSource>;
  /** The feature's map cluster (FeatureMap.clusters); null when the map has no clusters. */
  cluster?: Maybe<Scalars['Int']['output']>;
};

/** A feature's relatives across widths (a tree of depth one each way; chain widths for deeper trees). */
export type FeatureFamily = {
  __typename?: 'FeatureFamily';
  /** Features of narrower SAEs whose children this feature is, best cosine first. */
  parents: Array<FamilyMember>;
  /** Features of wider SAEs that are this feature's children, best cosine first. */
  children: Array<FamilyMember>;
};

/** A parent or child, with how closely it is related. */
export type FamilyMember = {
  __typename?: 'FamilyMember';
  feature: Feature;
  /** Decoder cosine of parent and child. */
  cosine: Scalars['Float']['output'];
  /** P(parent fires | child fires) over the comparison's tokens. */
  containment: Scalars['Float']['output'];
  /** Tokens where parent and child both fire. */
  coFiring: Scalars['Int']['output'];
  /** The families comparison the edge comes from. */
  comparison: Comparison;
};

/** How two SAEs' features are matched. */
export type ComparisonMethod =
  /** Cosine of decoder rows: SAEs on one model and hook (any widths, architectures, seeds). */
  | 'DECODER_COSINE'
  /** Atomic inner product: decoder cosine after whitening by the hook's activation covariance; same model and hook. */
  | 'AIP'
  /** Pearson r of the two SAEs' activations on the same tokens: any two models sharing a tokenizer. */
  | 'ACTIVATION_CORRELATION'
  /**
   * Feature families across widths: each feature of the narrower SAE A and its children in the wider
   * SAE B (decoder cosine ≥ 0.5 and P(parent fires | child fires) ≥ 0.5); same model and hook. Edges:
   * A = parent, B = child, score = cosine.
   */
  | 'FAMILIES';

export type Comparison = {
  __typename?: 'Comparison';
  id: Scalars['ID']['output'];
  saeA: Sae;
  saeB: Sae;
  method: ComparisonMethod;
  /** True when a bounded approximation replaced the exact algorithm (params names it, e.g. greedy assignment past 4096 features). */
  approximate: Scalars['Boolean']['output'];
  /** Every setting that shaped the result (thresholds, seeds, tokens, algorithm names), as text. */
  params: Array<ComparisonParam>;
  /** The summary figures, each with its null distribution and one-sided p-value where it has one. */
  figures: Array<ComparisonFigure>;
  /** Match edges stored (up to 3 per feature each way). */
  matchCount: Scalars['Int']['output'];
  createdAt: Scalars['String']['output'];
  /** Match edges, best score first. assignedOnly keeps the method's pairing (one-to-one assignment, or A's argmax partner). first: 1..100 (default 25). */
  matches: FeatureMatchConnection;
  /** Edge scores counted in equal bins over [0, 1] (scores below 0 count in the first bin). bins: 2..100 (default 20). */
  scoreHistogram: ScoreHistogram;
  /** The job that computed it (null when `atlas compare` did, or the job record was removed). */
  job?: Maybe<Job>;
};


export type ComparisonMatchesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  assignedOnly?: InputMaybe<Scalars['Boolean']['input']>;
};


export type ComparisonScoreHistogramArgs = {
  bins?: InputMaybe<Scalars['Int']['input']>;
  assignedOnly?: InputMaybe<Scalars['Boolean']['input']>;
};

export type ComparisonParam = {
  __typename?: 'ComparisonParam';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type ComparisonFigure = {
  __typename?: 'ComparisonFigure';
  /** Stable name, e.g. meanBestAB, mutualShare, assignedMean, sharedShare, svcca, rsa. */
  name: Scalars['String']['output'];
  value: Scalars['Float']['output'];
  description: Scalars['String']['output'];
  /** The statistic under random pairings (shuffle) or random rotations, when it has a null. */
  null?: Maybe<NullDistribution>;
  /** P(null ≥ observed), add-one; null when the figure has no null. */
  pValue?: Maybe<Scalars['Float']['output']>;
};

export type NullDistribution = {
  __typename?: 'NullDistribution';
  /** shuffle (random pairings) or rotation (B's space randomly rotated). */
  kind: Scalars['String']['output'];
  draws: Scalars['Int']['output'];
  mean: Scalars['Float']['output'];
  sd: Scalars['Float']['output'];
  /** The largest draw. */
  max: Scalars['Float']['output'];
};

export type ScoreHistogram = {
  __typename?: 'ScoreHistogram';
  lower: Scalars['Float']['output'];
  upper: Scalars['Float']['output'];
  counts: Array<Scalars['Int']['output']>;
};

/** A page of match edges: its cost is the page size (`first`) times its selection. */
export type FeatureMatchConnection = {
  __typename?: 'FeatureMatchConnection';
  edges: Array<FeatureMatchEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type FeatureMatchEdge = {
  __typename?: 'FeatureMatchEdge';
  cursor: Scalars['String']['output'];
  node: FeatureMatch;
};

/** One edge: feature A of the comparison's SAE A, feature B of its SAE B. */
export type FeatureMatch = {
  __typename?: 'FeatureMatch';
  comparison: Comparison;
  featureA: Feature;
  featureB: Feature;
  /** Cosine, whitened cosine (AIP) or Pearson r, by method (FAMILIES: the cosine of parent A and child B). */
  score: Scalars['Float']['output'];
  /** Each is the other's best match. */
  mutual: Scalars['Boolean']['output'];
  /** In the method's pairing (one-to-one assignment, or A's argmax partner; every FAMILIES edge). */
  assigned: Scalars['Boolean']['output'];
  /** FAMILIES only: P(parent A fires | child B fires); null for other methods. */
  containment?: Maybe<Scalars['Float']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Starts a comparison of SAE A with SAE B as a background job and returns it (poll job(id); when
   * it succeeded, compare(saeA, saeB, method) has the result). A finished identical comparison is
   * reused. corpus and tokens (64..4194304, default 65536) are for AIP, activation correlation and families
   * (default corpus: SAE A's statistics corpus). NOT_FOUND for unknown ids; BAD_USER_INPUT for
   * decoder methods across models or hooks (use ACTIVATION_CORRELATION), for models with different
   * tokenizers, and for FAMILIES unless both SAEs are on one model and hook and A is narrower than B; CONFLICT while the same pair and method is already queued or running.
   */
  startComparison: Job;
  /**
   * Creates an account and signs it in. handle: 3..32 characters, lowercase letters, digits, '_' or
   * '-', starting with a letter (taken: CONFLICT); password: 10..256 characters; displayName: up to
   * 64 characters (the handle when absent). Keep the returned token: send it as
   * `authorization: Bearer <token>`.
   */
  signUp: Session;
  /** Signs in; a wrong handle or password is UNAUTHENTICATED (the message does not say which). */
  signIn: Session;
  /** Ends the session the request was sent with (its token stops working). UNAUTHENTICATED without a session. */
  signOut: Scalars['Boolean']['output'];
  /**
   * Makes an API key for scripts and returns it once (only its hash is kept). Needs a session: a key
   * cannot make keys. name: 1..64 characters; scope READ (default) or WRITE (READ and label writes);
   * expiresInDays: 1..3650, none by default. At most 20 live keys per user.
   */
  createApiKey: CreatedApiKey;
  /** Revokes one of your keys at once (it stays listed, marked). NOT_FOUND for a key that is not yours or is already revoked. */
  revokeApiKey: ApiKey;
  /**
   * Proposes a human label for a feature (its first version). text: 1..500 characters after trimming;
   * tags: up to 10, each 1..32 lowercase letters, digits, '-' or '_'. The label waits in the review
   * queue; it shows on the feature once accepted, or while it is the best-voted one.
   */
  proposeLabel: Label;
  /**
   * Adds a version to a label (history is never rewritten). Its author may revise it, curators and
   * admins any label (FORBIDDEN otherwise). tags: the previous version's when absent. A revision by the
   * author puts an accepted or rejected label back in the review queue.
   */
  reviseLabel: Label;
  /** One vote per user per label: UP or DOWN replaces your earlier vote, NONE withdraws it. */
  voteLabel: Label;
  /** Accepts or rejects a label (or puts it back to PROPOSED), with an optional note up to 500 characters. Curators and admins only. */
  reviewLabel: Label;
  /**
   * Hides a label from the feature, search and the map (hidden: false shows it again). Moderation never
   * deletes: the label, its history and who hid it and why stay. reason: 1..500 characters. Curators and admins only.
   */
  hideLabel: Label;
  /**
   * Gives the user with this handle a role: MEMBER, CURATOR (may review and hide labels) or ADMIN
   * (may also grant roles). Admins only (FORBIDDEN otherwise); NOT_FOUND for an unknown handle. The
   * first admin of a fresh atlas is made with the CLI: `atlas users grant --handle X --role admin`.
   */
  setUserRole: User;
  /**
   * Cancels a job: a queued one never runs, a running one stops within a second or so; a finished
   * job is returned as it is. NOT_FOUND when no job has the id.
   */
  cancelJob: Job;
  /**
   * Imports samples as a new pool, in one transaction. content: JSONL (one object per line with "text",
   * or "prompt" and "response"; optional "id"; other fields kept as metadata) or CSV with those columns.
   * At most 900,000 bytes here (the request body limit is 1 MB): import larger pools with
   * `atlas import-pool --file FILE` (up to 64 MiB). Malformed lines are reported by line number and
   * nothing is imported, unless skipMalformed (then they are listed in skipped). A taken id is CONFLICT.
   */
  importPool: ImportPoolResult;
  /**
   * Starts a selection job and returns it: follow it with job(id) (state, progress with rate and ETA;
   * cancelJob stops it) and read the selection with selectionOfJob(jobId). Checked before queueing
   * (BAD_USER_INPUT / NOT_FOUND): the pool, the SAE (mona and hidden need saeId), targets (1..1,000 texts
   * of at most 10,000 characters, or targetPoolId), ratio in (0, 1] (default 0.05) or count up to the
   * pool's size. The SAE's pool representation is built on the way (resumably) if it is missing.
   * EMBEDDING uses the server's sentence embedder (an ONNX folder in ATLAS_EMBEDDER_DIR, else the offline
   * word vectors): MODEL_UNAVAILABLE when the configured folder does not load.
   */
  startSelection: Job;
  /** Starts a job that builds a pool's representation under an SAE (each sample's codes mean-pooled over its tokens). Resumable: a new job continues where a stopped one left off. */
  representPool: Job;
};


export type MutationStartComparisonArgs = {
  saeA: Scalars['ID']['input'];
  saeB: Scalars['ID']['input'];
  method: ComparisonMethod;
  corpus?: InputMaybe<Scalars['String']['input']>;
  tokens?: InputMaybe<Scalars['Int']['input']>;
  seed?: InputMaybe<Scalars['Int']['input']>;
};


export type MutationSignUpArgs = {
  handle: Scalars['String']['input'];
  password: Scalars['String']['input'];
  displayName?: InputMaybe<Scalars['String']['input']>;
};


export type MutationSignInArgs = {
  handle: Scalars['String']['input'];
  password: Scalars['String']['input'];
};


export type MutationCreateApiKeyArgs = {
  name: Scalars['String']['input'];
  scope?: InputMaybe<ApiKeyScope>;
  expiresInDays?: InputMaybe<Scalars['Int']['input']>;
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationProposeLabelArgs = {
  featureId: Scalars['ID']['input'];
  text: Scalars['String']['input'];
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type MutationReviseLabelArgs = {
  labelId: Scalars['ID']['input'];
  text: Scalars['String']['input'];
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type MutationVoteLabelArgs = {
  labelId: Scalars['ID']['input'];
  vote: VoteValue;
};


export type MutationReviewLabelArgs = {
  labelId: Scalars['ID']['input'];
  state: ReviewState;
  note?: InputMaybe<Scalars['String']['input']>;
};


export type MutationHideLabelArgs = {
  labelId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  hidden?: InputMaybe<Scalars['Boolean']['input']>;
};


export type MutationSetUserRoleArgs = {
  handle: Scalars['String']['input'];
  role: UserRole;
};


export type MutationCancelJobArgs = {
  id: Scalars['ID']['input'];
};


export type MutationImportPoolArgs = {
  input: ImportPoolInput;
};


export type MutationStartSelectionArgs = {
  input: StartSelectionInput;
};


export type MutationRepresentPoolArgs = {
  poolId: Scalars['ID']['input'];
  saeId: Scalars['ID']['input'];
};

export type SaeAtoms = {
  __typename?: 'SaeAtoms';
  /** R² averaged over dimensions: mean over d of 1 − SSE_d / SST_d. */
  r2: Scalars['Float']['output'];
  /** μ = the largest |cosine| between two decoder rows. */
  coherence: Scalars['Float']['output'];
  /** Mean cosine of input and reconstruction after whitening by the activation covariance. */
  aip: Scalars['Float']['output'];
  /** q*: share of tokens whose support size K meets the uniqueness bound μ < 1/(2K − 1). */
  uniqueShare: Scalars['Float']['output'];
  /** The largest support size K meeting the bound; null when unbounded (μ = 0). */
  maxUniqueSupport?: Maybe<Scalars['Float']['output']>;
};

export type LabelVersion = {
  __typename?: 'LabelVersion';
  id: Scalars['ID']['output'];
  version: Scalars['Int']['output'];
  text: Scalars['String']['output'];
  tags: Array<Scalars['String']['output']>;
  source: LabelSource;
  method?: Maybe<Scalars['String']['output']>;
  author?: Maybe<User>;
  /** The language model that wrote an LLM version. */
  authorModel?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['String']['output'];
};

export type LabelConnection = {
  __typename?: 'LabelConnection';
  edges: Array<LabelEdge>;
  pageInfo: PageInfo;
};

export type LabelEdge = {
  __typename?: 'LabelEdge';
  cursor: Scalars['String']['output'];
  node: Label;
};

export type LabelVersionConnection = {
  __typename?: 'LabelVersionConnection';
  edges: Array<LabelVersionEdge>;
  pageInfo: PageInfo;
};

export type LabelVersionEdge = {
  __typename?: 'LabelVersionEdge';
  cursor: Scalars['String']['output'];
  node: LabelVersion;
};

export type ReviewState =
  | 'PROPOSED'
  | 'ACCEPTED'
  | 'REJECTED';

export type VoteValue =
  | 'UP'
  | 'DOWN'
  | 'NONE';

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  handle: Scalars['String']['output'];
  displayName: Scalars['String']['output'];
  role: UserRole;
  createdAt: Scalars['String']['output'];
};

export type UserRole =
  | 'MEMBER'
  /** May review and hide labels. */
  | 'CURATOR'
  | 'ADMIN';

export type Viewer = {
  __typename?: 'Viewer';
  user: User;
  /** How the request was signed in. */
  credential: CredentialKind;
  scopes: Array<ApiKeyScope>;
};

export type CredentialKind =
  | 'SESSION'
  | 'API_KEY';

export type Session = {
  __typename?: 'Session';
  /** Send as `authorization: Bearer <token>`. Shown once; the server keeps only its hash. */
  token: Scalars['String']['output'];
  expiresAt: Scalars['String']['output'];
  user: User;
};

export type ApiKeyScope =
  /** Read queries (what anonymous clients may do, under the key's own rate limit). */
  | 'READ'
  /** READ, and label writes: propose, revise, vote (and review, hide for curators). */
  | 'WRITE';

export type ApiKey = {
  __typename?: 'ApiKey';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The key's first characters, to recognise it. */
  prefix: Scalars['String']['output'];
  scope: ApiKeyScope;
  createdAt: Scalars['String']['output'];
  lastUsedAt?: Maybe<Scalars['String']['output']>;
  expiresAt?: Maybe<Scalars['String']['output']>;
  revokedAt?: Maybe<Scalars['String']['output']>;
};

export type CreatedApiKey = {
  __typename?: 'CreatedApiKey';
  /** The secret: shown this once, never again. Send as `authorization: Bearer <key>`. */
  key: Scalars['String']['output'];
  apiKey: ApiKey;
};

/**
 * Long work the atlas runs in the background (a comparison, a data selection, …): a domain's mutation
 * starts one and returns it; poll `job(id)` for its progress. A job's id is a random UUID: whoever
 * holds it may follow or cancel the job, and the API lists no one's jobs.
 */
export type Job = {
  __typename?: 'Job';
  id: Scalars['ID']['output'];
  /** What kind of work: compare, select, statistics-shard, … */
  kind: Scalars['String']['output'];
  state: JobState;
  /** The latest progress report (null until the job reports one). */
  progress?: Maybe<JobProgress>;
  /** Why the job failed or was cancelled; on a queued job, why its last attempt failed (it will be retried). */
  error?: Maybe<JobFailure>;
  attempts: Scalars['Int']['output'];
  maxAttempts: Scalars['Int']['output'];
  /** ISO 8601 timestamps. */
  createdAt: Scalars['String']['output'];
  startedAt?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['String']['output']>;
};

export type JobState =
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'CANCELLED';

export type JobProgress = {
  __typename?: 'JobProgress';
  done: Scalars['Float']['output'];
  /** Null when the job did not say how much there is. */
  total?: Maybe<Scalars['Float']['output']>;
  /** What is counted (tokens, features, samples, …). */
  unit?: Maybe<Scalars['String']['output']>;
  /** Units per second over the last ~30 s of the attempt. */
  rate?: Maybe<Scalars['Float']['output']>;
  /** Seconds left at that rate. */
  etaSeconds?: Maybe<Scalars['Float']['output']>;
  updatedAt: Scalars['String']['output'];
};

export type JobFailure = {
  __typename?: 'JobFailure';
  /** An error code of the API's error contract (BAD_USER_INPUT, CANCELLED, UPSTREAM_FAILED, …). */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** One scorer's measure of one label version (packages/label-scores/README.md says how each is computed). */
export type LabelScore = {
  __typename?: 'LabelScore';
  /** `embedding` (ROC-AUC of label–context similarity), `detection` or `fuzzing` (an LLM's balanced accuracy). */
  scorer: Scalars['String']['output'];
  /** The scorer's version: its revision and the embedder or model it used; a new version scores again. */
  version: Scalars['String']['output'];
  /** 0..1; 0.5 is chance. */
  score: Scalars['Float']['output'];
  /** Activating contexts it was measured on. */
  positives: Scalars['Int']['output'];
  /** Non-activating (or, for fuzzing, wrongly marked) contexts it was measured on. */
  negatives: Scalars['Int']['output'];
  scoredAt: Scalars['String']['output'];
};

export type SearchMode =
  /** Full text and vectors fused by reciprocal rank (k = 60); score is the fused score. */
  | 'HYBRID'
  /** Postgres full text over labels (weight A), peak words (B) and context words (C); score is ts_rank. */
  | 'FULL_TEXT'
  /** Nearest neighbours of the query's embedding (HNSW); score is the cosine. */
  | 'VECTOR';

/** Which features a search may return. Every field narrows; all are optional. */
export type FeatureSearchFilter = {
  modelId?: InputMaybe<Scalars['ID']['input']>;
  /** At most 100. */
  saeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** A hook name, e.g. blocks.2.hook_resid_post. */
  hook?: InputMaybe<Scalars['String']['input']>;
  /** Features with at least one label from one of these sources. */
  labelSources?: InputMaybe<Array<LabelSource>>;
  /** Inclusive bounds on density (share of tokens a feature fires on), in 0..1. */
  densityMin?: InputMaybe<Scalars['Float']['input']>;
  densityMax?: InputMaybe<Scalars['Float']['input']>;
};

/** A page of search results, best first: its cost is the page size (`first`) times its selection. */
export type FeatureSearchConnection = {
  __typename?: 'FeatureSearchConnection';
  edges: Array<FeatureSearchEdge>;
  pageInfo: PageInfo;
  mode: SearchMode;
  /** The query's words and phrases as searched. */
  terms: Array<Scalars['String']['output']>;
  /** WordNet terms full text added to them. */
  expansions: Array<Scalars['String']['output']>;
  /** Why a ranker added nothing (no query word known to the embedder, a filter that excludes every SAE). */
  notices: Array<Scalars['String']['output']>;
};

export type FeatureSearchEdge = {
  __typename?: 'FeatureSearchEdge';
  /** Pass as `after` to continue after this result. */
  cursor: Scalars['String']['output'];
  node: Feature;
  /** HYBRID: the fused score; FULL_TEXT: ts_rank; VECTOR: cosine. Higher is better. */
  score: Scalars['Float']['output'];
  /** 1-based places in the full-text and vector rankings (null where the feature is not in one). */
  fullTextRank?: Maybe<Scalars['Int']['output']>;
  vectorRank?: Maybe<Scalars['Int']['output']>;
  /** The part of the feature's document that matched best; null when none is stored. */
  match?: Maybe<SearchMatch>;
};

export type SearchMatch = {
  __typename?: 'SearchMatch';
  /** Where the match is: a label, the words the feature peaks on, or the words around them. */
  part: SearchMatchPart;
  /** The label's source when part is LABEL. */
  labelSource?: Maybe<LabelSource>;
  /** The matched text (long contexts: the fragments around the matches, joined by ' … '). */
  text: Scalars['String']['output'];
  /** The matched words as [start, end) character ranges of text; empty when only the vector matched. */
  highlights: Array<TextRange>;
};

export type SearchMatchPart =
  | 'LABEL'
  | 'PEAK_WORDS'
  | 'CONTEXT';

export type TextRange = {
  __typename?: 'TextRange';
  start: Scalars['Int']['output'];
  end: Scalars['Int']['output'];
};

export type TextFeatures = {
  __typename?: 'TextFeatures';
  sae: Sae;
  /** Every token of the text, with its strongest features. */
  tokens: Array<TextToken>;
  /** The features most active over the whole text (at most 20), by summed activation. */
  features: Array<TextFeature>;
  /** How the text ran: one window when it fits the model's context, overlapping windows otherwise. */
  windows: TextWindows;
  /** The density filter applied, and how many features it left out. */
  densityFilter?: Maybe<DensityFilter>;
  /** Says so when the text was longer than the model's context. */
  notice?: Maybe<Scalars['String']['output']>;
};

export type TextToken = {
  __typename?: 'TextToken';
  position: Scalars['Int']['output'];
  tokenId: Scalars['Int']['output'];
  /** As the tokenizer decodes it alone (leading space kept). */
  token: Scalars['String']['output'];
  /** Strongest first, at most topK. */
  features: Array<TokenFeature>;
};

export type TokenFeature = {
  __typename?: 'TokenFeature';
  /** The feature's index in the SAE (without loading the feature). */
  index: Scalars['Int']['output'];
  feature: Feature;
  value: Scalars['Float']['output'];
};

export type TextFeature = {
  __typename?: 'TextFeature';
  index: Scalars['Int']['output'];
  feature: Feature;
  /** Sum of its activations over the text. */
  total: Scalars['Float']['output'];
  maxValue: Scalars['Float']['output'];
  /** Token position of its strongest activation. */
  maxPosition: Scalars['Int']['output'];
  /** Tokens it fires on. */
  tokenCount: Scalars['Int']['output'];
};

export type TextWindows = {
  __typename?: 'TextWindows';
  count: Scalars['Int']['output'];
  /** Tokens per window (the model's context, or the text's length when shorter). */
  size: Scalars['Int']['output'];
  stride: Scalars['Int']['output'];
  /** True when the text ran in more than one window. */
  windowed: Scalars['Boolean']['output'];
};

export type DensityFilter = {
  __typename?: 'DensityFilter';
  max: Scalars['Float']['output'];
  excludedFeatures: Scalars['Int']['output'];
};

export type ImportPoolInput = {
  /** 1..128 letters, digits, '.', '_' or '-', starting with a letter or digit. */
  id: Scalars['ID']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
  content: Scalars['String']['input'];
  format: PoolUploadFormat;
  skipMalformed?: InputMaybe<Scalars['Boolean']['input']>;
};

export type PoolUploadFormat =
  | 'JSONL'
  | 'CSV';

export type ImportPoolResult = {
  __typename?: 'ImportPoolResult';
  pool: Pool;
  imported: Scalars['Int']['output'];
  /** Malformed lines left out (only with skipMalformed). */
  skipped: Array<MalformedLine>;
};

export type MalformedLine = {
  __typename?: 'MalformedLine';
  line: Scalars['Int']['output'];
  message: Scalars['String']['output'];
};

export type SelectionMethod =
  | 'MONA'
  | 'BM25'
  | 'EMBEDDING'
  | 'HIDDEN'
  | 'RANDOM';

export type SelectionSimilarity =
  | 'JACCARD'
  | 'COSINE';

export type SelectionAggregation =
  /** Against the mean of the targets (MONA's prototype). */
  | 'PROTOTYPE'
  /** Against the best single target. */
  | 'MAX';

export type StartSelectionInput = {
  poolId: Scalars['ID']['input'];
  /** The SAE (mona), or the SAE whose hook the hidden states are read at (hidden). */
  saeId?: InputMaybe<Scalars['ID']['input']>;
  targets?: InputMaybe<Array<Scalars['String']['input']>>;
  targetPoolId?: InputMaybe<Scalars['ID']['input']>;
  method?: SelectionMethod;
  ratio?: InputMaybe<Scalars['Float']['input']>;
  count?: InputMaybe<Scalars['Int']['input']>;
  /** Default JACCARD (COSINE for EMBEDDING). */
  similarity?: InputMaybe<SelectionSimilarity>;
  aggregation?: InputMaybe<SelectionAggregation>;
  seed?: InputMaybe<Scalars['Int']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};

export type PoolConnection = {
  __typename?: 'PoolConnection';
  edges: Array<PoolEdge>;
  pageInfo: PageInfo;
};

export type PoolEdge = {
  __typename?: 'PoolEdge';
  cursor: Scalars['String']['output'];
  node: Pool;
};

export type Pool = {
  __typename?: 'Pool';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  description?: Maybe<Scalars['String']['output']>;
  /** TEXT samples, or PAIR (prompt and response). */
  format: Scalars['String']['output'];
  sampleCount: Scalars['Int']['output'];
  createdAt: Scalars['String']['output'];
  /** Its selections, newest first. first: 1..100 (default 10). */
  selections: Array<Selection>;
};


export type PoolSelectionsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type SelectionStatus =
  | 'RUNNING'
  | 'COMPLETE'
  | 'FAILED';

export type Selection = {
  __typename?: 'Selection';
  id: Scalars['ID']['output'];
  pool: Pool;
  name: Scalars['String']['output'];
  method: SelectionMethod;
  sae?: Maybe<Sae>;
  /** EMBEDDING: the sentence embedder that scored it (name@version#checksum), the server's ATLAS_EMBEDDER_DIR folder or the offline word vectors; null for other methods. */
  embedder?: Maybe<Scalars['String']['output']>;
  status: SelectionStatus;
  /** Why it failed. */
  error?: Maybe<Scalars['String']['output']>;
  ratio?: Maybe<Scalars['Float']['output']>;
  count?: Maybe<Scalars['Int']['output']>;
  /** Target example texts given (0 when a target pool was). */
  targetCount: Scalars['Int']['output'];
  targetPool?: Maybe<Pool>;
  poolSize?: Maybe<Scalars['Int']['output']>;
  selectedCount?: Maybe<Scalars['Int']['output']>;
  createdAt: Scalars['String']['output'];
  finishedAt?: Maybe<Scalars['String']['output']>;
  /** The job that runs it (null for selections made by the CLI). */
  job?: Maybe<Job>;
  /** The selected samples, best first. first: 1..100 (default 25); after: endCursor of the previous page. */
  items: SelectionItemConnection;
  /**
   * The selection as JSONL, one sample per line ({rank, score, id, text, response?, metadata?, features?}),
   * a page at a time: first 1..1,000 lines (default 1,000) after endCursor. The web's download route
   * streams every page as one file.
   */
  jsonl: JsonlPage;
};


export type SelectionItemsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};


export type SelectionJsonlArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};

export type SelectionItemConnection = {
  __typename?: 'SelectionItemConnection';
  edges: Array<SelectionItemEdge>;
  pageInfo: PageInfo;
};

export type SelectionItemEdge = {
  __typename?: 'SelectionItemEdge';
  cursor: Scalars['String']['output'];
  node: SelectionItem;
};

export type SelectionItem = {
  __typename?: 'SelectionItem';
  rank: Scalars['Int']['output'];
  score: Scalars['Float']['output'];
  sample: PoolSample;
  /** SAE methods: the features contributing most to the score, heaviest first (contributions sum to at most the score). */
  drivingFeatures: Array<DrivingFeature>;
};

export type PoolSample = {
  __typename?: 'PoolSample';
  /** The sample's id in the upload (its line number when it had none). */
  externalId: Scalars['String']['output'];
  position: Scalars['Int']['output'];
  text: Scalars['String']['output'];
  response?: Maybe<Scalars['String']['output']>;
  /** The upload's other fields, as a JSON object string. */
  metadata?: Maybe<Scalars['String']['output']>;
};

export type DrivingFeature = {
  __typename?: 'DrivingFeature';
  index: Scalars['Int']['output'];
  contribution: Scalars['Float']['output'];
  /** The feature's page data (null when the SAE is gone). */
  feature?: Maybe<Feature>;
};

export type JsonlPage = {
  __typename?: 'JsonlPage';
  text: Scalars['String']['output'];
  lines: Scalars['Int']['output'];
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type SteeringResult = {
  __typename?: 'SteeringResult';
  feature: Feature;
  /** The hook the decoder row was added at (the SAE's hook). */
  hookName: Scalars['String']['output'];
  strength: Scalars['Float']['output'];
  temperature: Scalars['Float']['output'];
  /** The sampling seed both runs used; null for greedy decoding. */
  seed?: Maybe<Scalars['Int']['output']>;
  /** The prompt as the model read it, one display string per token. */
  promptTokens: Array<Scalars['String']['output']>;
  /** True when the prompt was longer than the model's context allows and its start was cut. */
  promptTruncated: Scalars['Boolean']['output'];
  /** Says what was cut when promptTruncated (or why generation stopped early). */
  notice?: Maybe<Scalars['String']['output']>;
  baseline: Continuation;
  steered: Continuation;
  timing: SteeringTiming;
};

export type Continuation = {
  __typename?: 'Continuation';
  /** Generated tokens only (the prompt is not repeated), one display string per token. */
  tokens: Array<Scalars['String']['output']>;
  text: Scalars['String']['output'];
};

export type SteeringTiming = {
  __typename?: 'SteeringTiming';
  /** Time spent loading the model for this request (0 when it was already loaded). */
  modelLoadMs: Scalars['Float']['output'];
  /** Time waiting for other steering runs on the same model to finish. */
  queuedMs: Scalars['Float']['output'];
  baselineMs: Scalars['Float']['output'];
  steeredMs: Scalars['Float']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CacheControlScope: CacheControlScope;
  FeatureOrder: FeatureOrder;
  FeatureQuality: FeatureQuality;
  Model: ResolverTypeWrapper<ModelMapper>;
  Sae: ResolverTypeWrapper<SaeMapper>;
  SaeMetrics: ResolverTypeWrapper<SaeMetrics>;
  FeatureConnection: ResolverTypeWrapper<FeatureConnectionMapper>;
  FeatureEdge: ResolverTypeWrapper<Omit<FeatureEdge, 'node'> & { node: ResolversTypes['Feature'] }>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Feature: ResolverTypeWrapper<FeatureMapper>;
  FeatureNeighbour: ResolverTypeWrapper<FeatureNeighbourMapper>;
  LogitEffects: ResolverTypeWrapper<LogitEffectsMapper>;
  TokenEffect: ResolverTypeWrapper<TokenEffectMapper>;
  ActivationExample: ResolverTypeWrapper<ActivationExampleMapper>;
  QuantileBin: ResolverTypeWrapper<QuantileBinMapper>;
  Histogram: ResolverTypeWrapper<HistogramMapper>;
  Label: ResolverTypeWrapper<LabelMapper>;
  LabelSource: LabelSource;
  HeadShare: ResolverTypeWrapper<HeadShare>;
  CoactivatingFeature: ResolverTypeWrapper<CoactivatingFeatureMapper>;
  MapPosition: ResolverTypeWrapper<MapPosition>;
  MapBoundsInput: MapBoundsInput;
  FeatureMap: ResolverTypeWrapper<FeatureMapMapper>;
  MapCluster: ResolverTypeWrapper<MapCluster>;
  MapPoint: ResolverTypeWrapper<MapPointMapper>;
  FeatureFamily: ResolverTypeWrapper<FeatureFamilyMapper>;
  FamilyMember: ResolverTypeWrapper<FamilyMemberMapper>;
  ComparisonMethod: ComparisonMethod;
  Comparison: ResolverTypeWrapper<ComparisonMapper>;
  ComparisonParam: ResolverTypeWrapper<ComparisonParam>;
  ComparisonFigure: ResolverTypeWrapper<ComparisonFigureMapper>;
  NullDistribution: ResolverTypeWrapper<NullDistribution>;
  ScoreHistogram: ResolverTypeWrapper<ScoreHistogram>;
  FeatureMatchConnection: ResolverTypeWrapper<FeatureMatchConnectionMapper>;
  FeatureMatchEdge: ResolverTypeWrapper<Omit<FeatureMatchEdge, 'node'> & { node: ResolversTypes['FeatureMatch'] }>;
  FeatureMatch: ResolverTypeWrapper<FeatureMatchMapper>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SaeAtoms: ResolverTypeWrapper<SaeAtoms>;
  LabelVersion: ResolverTypeWrapper<LabelVersionMapper>;
  LabelConnection: ResolverTypeWrapper<LabelConnectionMapper>;
  LabelEdge: ResolverTypeWrapper<Omit<LabelEdge, 'node'> & { node: ResolversTypes['Label'] }>;
  LabelVersionConnection: ResolverTypeWrapper<LabelVersionConnectionMapper>;
  LabelVersionEdge: ResolverTypeWrapper<Omit<LabelVersionEdge, 'node'> & { node: ResolversTypes['LabelVersion'] }>;
  ReviewState: ReviewState;
  VoteValue: VoteValue;
  User: ResolverTypeWrapper<UserMapper>;
  UserRole: UserRole;
  Viewer: ResolverTypeWrapper<ViewerMapper>;
  CredentialKind: CredentialKind;
  Session: ResolverTypeWrapper<SessionMapper>;
  ApiKeyScope: ApiKeyScope;
  ApiKey: ResolverTypeWrapper<ApiKeyMapper>;
  CreatedApiKey: ResolverTypeWrapper<CreatedApiKeyMapper>;
  Job: ResolverTypeWrapper<JobMapper>;
  JobState: JobState;
  JobProgress: ResolverTypeWrapper<JobProgressMapper>;
  JobFailure: ResolverTypeWrapper<JobFailureMapper>;
  LabelScore: ResolverTypeWrapper<LabelScoreMapper>;
  SearchMode: SearchMode;
  FeatureSearchFilter: FeatureSearchFilter;
  FeatureSearchConnection: ResolverTypeWrapper<FeatureSearchConnectionMapper>;
  FeatureSearchEdge: ResolverTypeWrapper<FeatureSearchEdgeMapper>;
  SearchMatch: ResolverTypeWrapper<SearchMatchMapper>;
  SearchMatchPart: SearchMatchPart;
  TextRange: ResolverTypeWrapper<TextRange>;
  TextFeatures: ResolverTypeWrapper<TextFeaturesMapper>;
  TextToken: ResolverTypeWrapper<TextTokenMapper>;
  TokenFeature: ResolverTypeWrapper<TokenFeatureMapper>;
  TextFeature: ResolverTypeWrapper<TextFeatureMapper>;
  TextWindows: ResolverTypeWrapper<TextWindows>;
  DensityFilter: ResolverTypeWrapper<DensityFilter>;
  ImportPoolInput: ImportPoolInput;
  PoolUploadFormat: PoolUploadFormat;
  ImportPoolResult: ResolverTypeWrapper<ImportPoolResultMapper>;
  MalformedLine: ResolverTypeWrapper<MalformedLine>;
  SelectionMethod: SelectionMethod;
  SelectionSimilarity: SelectionSimilarity;
  SelectionAggregation: SelectionAggregation;
  StartSelectionInput: StartSelectionInput;
  PoolConnection: ResolverTypeWrapper<PoolConnectionMapper>;
  PoolEdge: ResolverTypeWrapper<Omit<PoolEdge, 'node'> & { node: ResolversTypes['Pool'] }>;
  Pool: ResolverTypeWrapper<PoolMapper>;
  SelectionStatus: SelectionStatus;
  Selection: ResolverTypeWrapper<SelectionMapper>;
  SelectionItemConnection: ResolverTypeWrapper<SelectionItemConnectionMapper>;
  SelectionItemEdge: ResolverTypeWrapper<Omit<SelectionItemEdge, 'node'> & { node: ResolversTypes['SelectionItem'] }>;
  SelectionItem: ResolverTypeWrapper<SelectionItemMapper>;
  PoolSample: ResolverTypeWrapper<PoolSampleMapper>;
  DrivingFeature: ResolverTypeWrapper<DrivingFeatureMapper>;
  JsonlPage: ResolverTypeWrapper<JsonlPage>;
  SteeringResult: ResolverTypeWrapper<Omit<SteeringResult, 'feature'> & { feature: ResolversTypes['Feature'] }>;
  Continuation: ResolverTypeWrapper<Continuation>;
  SteeringTiming: ResolverTypeWrapper<SteeringTiming>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Query: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  Model: ModelMapper;
  Sae: SaeMapper;
  SaeMetrics: SaeMetrics;
  FeatureConnection: FeatureConnectionMapper;
  FeatureEdge: Omit<FeatureEdge, 'node'> & { node: ResolversParentTypes['Feature'] };
  PageInfo: PageInfo;
  Feature: FeatureMapper;
  FeatureNeighbour: FeatureNeighbourMapper;
  LogitEffects: LogitEffectsMapper;
  TokenEffect: TokenEffectMapper;
  ActivationExample: ActivationExampleMapper;
  QuantileBin: QuantileBinMapper;
  Histogram: HistogramMapper;
  Label: LabelMapper;
  HeadShare: HeadShare;
  CoactivatingFeature: CoactivatingFeatureMapper;
  MapPosition: MapPosition;
  MapBoundsInput: MapBoundsInput;
  FeatureMap: FeatureMapMapper;
  MapCluster: MapCluster;
  MapPoint: MapPointMapper;
  FeatureFamily: FeatureFamilyMapper;
  FamilyMember: FamilyMemberMapper;
  Comparison: ComparisonMapper;
  ComparisonParam: ComparisonParam;
  ComparisonFigure: ComparisonFigureMapper;
  NullDistribution: NullDistribution;
  ScoreHistogram: ScoreHistogram;
  FeatureMatchConnection: FeatureMatchConnectionMapper;
  FeatureMatchEdge: Omit<FeatureMatchEdge, 'node'> & { node: ResolversParentTypes['FeatureMatch'] };
  FeatureMatch: FeatureMatchMapper;
  Mutation: Record<PropertyKey, never>;
  SaeAtoms: SaeAtoms;
  LabelVersion: LabelVersionMapper;
  LabelConnection: LabelConnectionMapper;
  LabelEdge: Omit<LabelEdge, 'node'> & { node: ResolversParentTypes['Label'] };
  LabelVersionConnection: LabelVersionConnectionMapper;
  LabelVersionEdge: Omit<LabelVersionEdge, 'node'> & { node: ResolversParentTypes['LabelVersion'] };
  User: UserMapper;
  Viewer: ViewerMapper;
  Session: SessionMapper;
  ApiKey: ApiKeyMapper;
  CreatedApiKey: CreatedApiKeyMapper;
  Job: JobMapper;
  JobProgress: JobProgressMapper;
  JobFailure: JobFailureMapper;
  LabelScore: LabelScoreMapper;
  FeatureSearchFilter: FeatureSearchFilter;
  FeatureSearchConnection: FeatureSearchConnectionMapper;
  FeatureSearchEdge: FeatureSearchEdgeMapper;
  SearchMatch: SearchMatchMapper;
  TextRange: TextRange;
  TextFeatures: TextFeaturesMapper;
  TextToken: TextTokenMapper;
  TokenFeature: TokenFeatureMapper;
  TextFeature: TextFeatureMapper;
  TextWindows: TextWindows;
  DensityFilter: DensityFilter;
  ImportPoolInput: ImportPoolInput;
  ImportPoolResult: ImportPoolResultMapper;
  MalformedLine: MalformedLine;
  StartSelectionInput: StartSelectionInput;
  PoolConnection: PoolConnectionMapper;
  PoolEdge: Omit<PoolEdge, 'node'> & { node: ResolversParentTypes['Pool'] };
  Pool: PoolMapper;
  Selection: SelectionMapper;
  SelectionItemConnection: SelectionItemConnectionMapper;
  SelectionItemEdge: Omit<SelectionItemEdge, 'node'> & { node: ResolversParentTypes['SelectionItem'] };
  SelectionItem: SelectionItemMapper;
  PoolSample: PoolSampleMapper;
  DrivingFeature: DrivingFeatureMapper;
  JsonlPage: JsonlPage;
  SteeringResult: Omit<SteeringResult, 'feature'> & { feature: ResolversParentTypes['Feature'] };
  Continuation: Continuation;
  SteeringTiming: SteeringTiming;
  Float: Scalars['Float']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
};

export type CostDirectiveArgs = {
  weight: Scalars['Float']['input'];
};

export type CostDirectiveResolver<Result, Parent, ContextType = ApiContext, Args = CostDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ListSizeDirectiveArgs = {
  assumedSize?: Maybe<Scalars['Int']['input']>;
  slicingArguments?: Maybe<Array<Scalars['String']['input']>>;
};

export type ListSizeDirectiveResolver<Result, Parent, ContextType = ApiContext, Args = ListSizeDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type PerRequestDirectiveArgs = {
  max: Scalars['Int']['input'];
};

export type PerRequestDirectiveResolver<Result, Parent, ContextType = ApiContext, Args = PerRequestDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CacheControlDirectiveArgs = {
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = ApiContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type QueryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  models?: Resolver<Array<ResolversTypes['Model']>, ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType, RequireFields<QueryModelArgs, 'id'>>;
  saes?: Resolver<Array<ResolversTypes['Sae']>, ParentType, ContextType, Partial<QuerySaesArgs>>;
  sae?: Resolver<ResolversTypes['Sae'], ParentType, ContextType, RequireFields<QuerySaeArgs, 'id'>>;
  feature?: Resolver<ResolversTypes['Feature'], ParentType, ContextType, RequireFields<QueryFeatureArgs, 'id'>>;
  features?: Resolver<ResolversTypes['FeatureConnection'], ParentType, ContextType, RequireFields<QueryFeaturesArgs, 'saeId' | 'orderBy' | 'quality'>>;
  compare?: Resolver<Maybe<ResolversTypes['Comparison']>, ParentType, ContextType, RequireFields<QueryCompareArgs, 'saeA' | 'saeB' | 'method'>>;
  comparison?: Resolver<ResolversTypes['Comparison'], ParentType, ContextType, RequireFields<QueryComparisonArgs, 'id'>>;
  comparisons?: Resolver<Array<ResolversTypes['Comparison']>, ParentType, ContextType, Partial<QueryComparisonsArgs>>;
  viewer?: Resolver<Maybe<ResolversTypes['Viewer']>, ParentType, ContextType>;
  myApiKeys?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['Label']>, ParentType, ContextType, RequireFields<QueryLabelArgs, 'id'>>;
  labelHistory?: Resolver<ResolversTypes['LabelVersionConnection'], ParentType, ContextType, RequireFields<QueryLabelHistoryArgs, 'labelId'>>;
  reviewQueue?: Resolver<ResolversTypes['LabelConnection'], ParentType, ContextType, Partial<QueryReviewQueueArgs>>;
  myContributions?: Resolver<ResolversTypes['LabelConnection'], ParentType, ContextType, Partial<QueryMyContributionsArgs>>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType, RequireFields<QueryJobArgs, 'id'>>;
  searchFeatures?: Resolver<ResolversTypes['FeatureSearchConnection'], ParentType, ContextType, RequireFields<QuerySearchFeaturesArgs, 'query' | 'mode'>>;
  featuresForText?: Resolver<ResolversTypes['TextFeatures'], ParentType, ContextType, RequireFields<QueryFeaturesForTextArgs, 'saeId' | 'text'>>;
  pools?: Resolver<ResolversTypes['PoolConnection'], ParentType, ContextType, Partial<QueryPoolsArgs>>;
  pool?: Resolver<Maybe<ResolversTypes['Pool']>, ParentType, ContextType, RequireFields<QueryPoolArgs, 'id'>>;
  selection?: Resolver<Maybe<ResolversTypes['Selection']>, ParentType, ContextType, RequireFields<QuerySelectionArgs, 'id'>>;
  selectionOfJob?: Resolver<Maybe<ResolversTypes['Selection']>, ParentType, ContextType, RequireFields<QuerySelectionOfJobArgs, 'jobId'>>;
  steer?: Resolver<ResolversTypes['SteeringResult'], ParentType, ContextType, RequireFields<QuerySteerArgs, 'featureId' | 'strength' | 'prompt' | 'maxTokens' | 'temperature'>>;
};

export type ModelResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Model'] = ResolversParentTypes['Model']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  architecture?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  layerCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  dModel?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  vocabSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  contextLength?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  saes?: Resolver<Array<ResolversTypes['Sae']>, ParentType, ContextType>;
};

export type SaeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Sae'] = ResolversParentTypes['Sae']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
  hookName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  architecture?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dIn?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  k?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  trainingTokens?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  metrics?: Resolver<Maybe<ResolversTypes['SaeMetrics']>, ParentType, ContextType>;
  statisticsTokens?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  corpusName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  features?: Resolver<ResolversTypes['FeatureConnection'], ParentType, ContextType, RequireFields<SaeFeaturesArgs, 'orderBy' | 'quality'>>;
  map?: Resolver<ResolversTypes['FeatureMap'], ParentType, ContextType, Partial<SaeMapArgs>>;
  atoms?: Resolver<Maybe<ResolversTypes['SaeAtoms']>, ParentType, ContextType>;
};

export type SaeMetricsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SaeMetrics'] = ResolversParentTypes['SaeMetrics']> = {
  l0?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  fvu?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  deadFraction?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type FeatureConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FeatureConnection'] = ResolversParentTypes['FeatureConnection']> = {
  edges?: Resolver<Array<ResolversTypes['FeatureEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type FeatureEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FeatureEdge'] = ResolversParentTypes['FeatureEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Feature'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type FeatureResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Feature'] = ResolversParentTypes['Feature']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sae?: Resolver<ResolversTypes['Sae'], ParentType, ContextType>;
  density?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  maxActivation?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  meanActivation?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  encoderDecoderCosine?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  isDead?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  isDense?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  topActivations?: Resolver<Array<ResolversTypes['ActivationExample']>, ParentType, ContextType, Partial<FeatureTopActivationsArgs>>;
  histogram?: Resolver<ResolversTypes['Histogram'], ParentType, ContextType>;
  quantileExamples?: Resolver<Array<ResolversTypes['QuantileBin']>, ParentType, ContextType>;
  decoderVector?: Resolver<Array<ResolversTypes['Float']>, ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['Label']>, ParentType, ContextType>;
  decoderNeighbours?: Resolver<Array<ResolversTypes['FeatureNeighbour']>, ParentType, ContextType>;
  logitEffects?: Resolver<ResolversTypes['LogitEffects'], ParentType, ContextType>;
  headAttribution?: Resolver<Maybe<Array<ResolversTypes['HeadShare']>>, ParentType, ContextType>;
  coactivatingFeatures?: Resolver<Array<ResolversTypes['CoactivatingFeature']>, ParentType, ContextType>;
  mapPosition?: Resolver<Maybe<ResolversTypes['MapPosition']>, ParentType, ContextType>;
  matches?: Resolver<ResolversTypes['FeatureMatchConnection'], ParentType, ContextType, RequireFields<FeatureMatchesArgs, 'method'>>;
  family?: Resolver<Maybe<ResolversTypes['FeatureFamily']>, ParentType, ContextType>;
  labels?: Resolver<Array<ResolversTypes['Label']>, ParentType, ContextType, RequireFields<FeatureLabelsArgs, 'includeHidden'>>;
  decoderNeighboursAcrossSaes?: Resolver<Array<ResolversTypes['FeatureNeighbour']>, ParentType, ContextType, RequireFields<FeatureDecoderNeighboursAcrossSaesArgs, 'perSae'>>;
};

export type FeatureNeighbourResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FeatureNeighbour'] = ResolversParentTypes['FeatureNeighbour']> = {
  feature?: Resolver<ResolversTypes['Feature'], ParentType, ContextType>;
  cosine?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type LogitEffectsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['LogitEffects'] = ResolversParentTypes['LogitEffects']> = {
  positive?: Resolver<Array<ResolversTypes['TokenEffect']>, ParentType, ContextType>;
  negative?: Resolver<Array<ResolversTypes['TokenEffect']>, ParentType, ContextType>;
};

export type TokenEffectResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TokenEffect'] = ResolversParentTypes['TokenEffect']> = {
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ActivationExampleResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ActivationExample'] = ResolversParentTypes['ActivationExample']> = {
  rank?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxValue?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  maxPosition?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tokens?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  values?: Resolver<Array<ResolversTypes['Float']>, ParentType, ContextType>;
  corpusName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QuantileBinResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['QuantileBin'] = ResolversParentTypes['QuantileBin']> = {
  lower?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  upper?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  examples?: Resolver<Array<ResolversTypes['ActivationExample']>, ParentType, ContextType>;
};

export type HistogramResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Histogram'] = ResolversParentTypes['Histogram']> = {
  edges?: Resolver<Array<ResolversTypes['Float']>, ParentType, ContextType>;
  counts?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type LabelResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Label'] = ResolversParentTypes['Label']> = {
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['LabelSource'], ParentType, ContextType>;
  method?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  authorModel?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  featureId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  feature?: Resolver<Maybe<ResolversTypes['Feature']>, ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  author?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  upvotes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  downvotes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  myVote?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  reviewState?: Resolver<ResolversTypes['ReviewState'], ParentType, ContextType>;
  reviewedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  reviewedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reviewNote?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hidden?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hiddenReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hiddenBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  history?: Resolver<ResolversTypes['LabelVersionConnection'], ParentType, ContextType, Partial<LabelHistoryArgs>>;
  scores?: Resolver<Array<ResolversTypes['LabelScore']>, ParentType, ContextType>;
};

export type HeadShareResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['HeadShare'] = ResolversParentTypes['HeadShare']> = {
  head?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  share?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type CoactivatingFeatureResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CoactivatingFeature'] = ResolversParentTypes['CoactivatingFeature']> = {
  feature?: Resolver<ResolversTypes['Feature'], ParentType, ContextType>;
  jaccard?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type MapPositionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MapPosition'] = ResolversParentTypes['MapPosition']> = {
  x?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  y?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type FeatureMapResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FeatureMap'] = ResolversParentTypes['FeatureMap']> = {
  points?: Resolver<Array<ResolversTypes['MapPoint']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  clusters?: Resolver<Array<ResolversTypes['MapCluster']>, ParentType, ContextType>;
};

export type MapClusterResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MapCluster'] = ResolversParentTypes['MapCluster']> = {
  cluster?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  caption?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  x?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  y?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MapPointResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MapPoint'] = ResolversParentTypes['MapPoint']> = {
  featureId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  x?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  y?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  density?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  isDead?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  labelSource?: Resolver<Maybe<ResolversTypes['LabelSource']>, ParentType, ContextType>;
  cluster?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type FeatureFamilyResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FeatureFamily'] = ResolversParentTypes['FeatureFamily']> = {
  parents?: Resolver<Array<ResolversTypes['FamilyMember']>, ParentType, ContextType>;
  children?: Resolver<Array<ResolversTypes['FamilyMember']>, ParentType, ContextType>;
};

export type FamilyMemberResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FamilyMember'] = ResolversParentTypes['FamilyMember']> = {
  feature?: Resolver<ResolversTypes['Feature'], ParentType, ContextType>;
  cosine?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  containment?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  coFiring?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  comparison?: Resolver<ResolversTypes['Comparison'], ParentType, ContextType>;
};

export type ComparisonResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Comparison'] = ResolversParentTypes['Comparison']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  saeA?: Resolver<ResolversTypes['Sae'], ParentType, ContextType>;
  saeB?: Resolver<ResolversTypes['Sae'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['ComparisonMethod'], ParentType, ContextType>;
  approximate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  params?: Resolver<Array<ResolversTypes['ComparisonParam']>, ParentType, ContextType>;
  figures?: Resolver<Array<ResolversTypes['ComparisonFigure']>, ParentType, ContextType>;
  matchCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  matches?: Resolver<ResolversTypes['FeatureMatchConnection'], ParentType, ContextType, RequireFields<ComparisonMatchesArgs, 'assignedOnly'>>;
  scoreHistogram?: Resolver<ResolversTypes['ScoreHistogram'], ParentType, ContextType, RequireFields<ComparisonScoreHistogramArgs, 'bins' | 'assignedOnly'>>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
};

export type ComparisonParamResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ComparisonParam'] = ResolversParentTypes['ComparisonParam']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ComparisonFigureResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ComparisonFigure'] = ResolversParentTypes['ComparisonFigure']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  null?: Resolver<Maybe<ResolversTypes['NullDistribution']>, ParentType, ContextType>;
  pValue?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type NullDistributionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['NullDistribution'] = ResolversParentTypes['NullDistribution']> = {
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  draws?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  mean?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  sd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  max?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ScoreHistogramResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ScoreHistogram'] = ResolversParentTypes['ScoreHistogram']> = {
  lower?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  upper?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  counts?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type FeatureMatchConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FeatureMatchConnection'] = ResolversParentTypes['FeatureMatchConnection']> = {
  edges?: Resolver<Array<ResolversTypes['FeatureMatchEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type FeatureMatchEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FeatureMatchEdge'] = ResolversParentTypes['FeatureMatchEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['FeatureMatch'], ParentType, ContextType>;
};

export type FeatureMatchResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FeatureMatch'] = ResolversParentTypes['FeatureMatch']> = {
  comparison?: Resolver<ResolversTypes['Comparison'], ParentType, ContextType>;
  featureA?: Resolver<ResolversTypes['Feature'], ParentType, ContextType>;
  featureB?: Resolver<ResolversTypes['Feature'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  mutual?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  assigned?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  containment?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  startComparison?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationStartComparisonArgs, 'saeA' | 'saeB' | 'method'>>;
  signUp?: Resolver<ResolversTypes['Session'], ParentType, ContextType, RequireFields<MutationSignUpArgs, 'handle' | 'password'>>;
  signIn?: Resolver<ResolversTypes['Session'], ParentType, ContextType, RequireFields<MutationSignInArgs, 'handle' | 'password'>>;
  signOut?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  createApiKey?: Resolver<ResolversTypes['CreatedApiKey'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'name' | 'scope'>>;
  revokeApiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'id'>>;
  proposeLabel?: Resolver<ResolversTypes['Label'], ParentType, ContextType, RequireFields<MutationProposeLabelArgs, 'featureId' | 'text'>>;
  reviseLabel?: Resolver<ResolversTypes['Label'], ParentType, ContextType, RequireFields<MutationReviseLabelArgs, 'labelId' | 'text'>>;
  voteLabel?: Resolver<ResolversTypes['Label'], ParentType, ContextType, RequireFields<MutationVoteLabelArgs, 'labelId' | 'vote'>>;
  reviewLabel?: Resolver<ResolversTypes['Label'], ParentType, ContextType, RequireFields<MutationReviewLabelArgs, 'labelId' | 'state'>>;
  hideLabel?: Resolver<ResolversTypes['Label'], ParentType, ContextType, RequireFields<MutationHideLabelArgs, 'labelId' | 'reason' | 'hidden'>>;
  setUserRole?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationSetUserRoleArgs, 'handle' | 'role'>>;
  cancelJob?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationCancelJobArgs, 'id'>>;
  importPool?: Resolver<ResolversTypes['ImportPoolResult'], ParentType, ContextType, RequireFields<MutationImportPoolArgs, 'input'>>;
  startSelection?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationStartSelectionArgs, 'input'>>;
  representPool?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationRepresentPoolArgs, 'poolId' | 'saeId'>>;
};

export type SaeAtomsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SaeAtoms'] = ResolversParentTypes['SaeAtoms']> = {
  r2?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  coherence?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  aip?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  uniqueShare?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  maxUniqueSupport?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type LabelVersionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['LabelVersion'] = ResolversParentTypes['LabelVersion']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['LabelSource'], ParentType, ContextType>;
  method?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  author?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  authorModel?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LabelConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['LabelConnection'] = ResolversParentTypes['LabelConnection']> = {
  edges?: Resolver<Array<ResolversTypes['LabelEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type LabelEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['LabelEdge'] = ResolversParentTypes['LabelEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Label'], ParentType, ContextType>;
};

export type LabelVersionConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['LabelVersionConnection'] = ResolversParentTypes['LabelVersionConnection']> = {
  edges?: Resolver<Array<ResolversTypes['LabelVersionEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type LabelVersionEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['LabelVersionEdge'] = ResolversParentTypes['LabelVersionEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['LabelVersion'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  handle?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['UserRole'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ViewerResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  credential?: Resolver<ResolversTypes['CredentialKind'], ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['ApiKeyScope']>, ParentType, ContextType>;
};

export type SessionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Session'] = ResolversParentTypes['Session']> = {
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type ApiKeyResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  scope?: Resolver<ResolversTypes['ApiKeyScope'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CreatedApiKeyResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CreatedApiKey'] = ResolversParentTypes['CreatedApiKey']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  apiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
};

export type JobResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Job'] = ResolversParentTypes['Job']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['JobState'], ParentType, ContextType>;
  progress?: Resolver<Maybe<ResolversTypes['JobProgress']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['JobFailure']>, ParentType, ContextType>;
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxAttempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type JobProgressResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['JobProgress'] = ResolversParentTypes['JobProgress']> = {
  done?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  total?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  unit?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  etaSeconds?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type JobFailureResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['JobFailure'] = ResolversParentTypes['JobFailure']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LabelScoreResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['LabelScore'] = ResolversParentTypes['LabelScore']> = {
  scorer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  positives?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  negatives?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  scoredAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FeatureSearchConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FeatureSearchConnection'] = ResolversParentTypes['FeatureSearchConnection']> = {
  edges?: Resolver<Array<ResolversTypes['FeatureSearchEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['SearchMode'], ParentType, ContextType>;
  terms?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  expansions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  notices?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type FeatureSearchEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FeatureSearchEdge'] = ResolversParentTypes['FeatureSearchEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Feature'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  fullTextRank?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  vectorRank?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  match?: Resolver<Maybe<ResolversTypes['SearchMatch']>, ParentType, ContextType>;
};

export type SearchMatchResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SearchMatch'] = ResolversParentTypes['SearchMatch']> = {
  part?: Resolver<ResolversTypes['SearchMatchPart'], ParentType, ContextType>;
  labelSource?: Resolver<Maybe<ResolversTypes['LabelSource']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  highlights?: Resolver<Array<ResolversTypes['TextRange']>, ParentType, ContextType>;
};

export type TextRangeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TextRange'] = ResolversParentTypes['TextRange']> = {
  start?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  end?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TextFeaturesResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TextFeatures'] = ResolversParentTypes['TextFeatures']> = {
  sae?: Resolver<ResolversTypes['Sae'], ParentType, ContextType>;
  tokens?: Resolver<Array<ResolversTypes['TextToken']>, ParentType, ContextType>;
  features?: Resolver<Array<ResolversTypes['TextFeature']>, ParentType, ContextType>;
  windows?: Resolver<ResolversTypes['TextWindows'], ParentType, ContextType>;
  densityFilter?: Resolver<Maybe<ResolversTypes['DensityFilter']>, ParentType, ContextType>;
  notice?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type TextTokenResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TextToken'] = ResolversParentTypes['TextToken']> = {
  position?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tokenId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  features?: Resolver<Array<ResolversTypes['TokenFeature']>, ParentType, ContextType>;
};

export type TokenFeatureResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TokenFeature'] = ResolversParentTypes['TokenFeature']> = {
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  feature?: Resolver<ResolversTypes['Feature'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type TextFeatureResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TextFeature'] = ResolversParentTypes['TextFeature']> = {
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  feature?: Resolver<ResolversTypes['Feature'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  maxValue?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  maxPosition?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tokenCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TextWindowsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TextWindows'] = ResolversParentTypes['TextWindows']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stride?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  windowed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type DensityFilterResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DensityFilter'] = ResolversParentTypes['DensityFilter']> = {
  max?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  excludedFeatures?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ImportPoolResultResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ImportPoolResult'] = ResolversParentTypes['ImportPoolResult']> = {
  pool?: Resolver<ResolversTypes['Pool'], ParentType, ContextType>;
  imported?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  skipped?: Resolver<Array<ResolversTypes['MalformedLine']>, ParentType, ContextType>;
};

export type MalformedLineResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MalformedLine'] = ResolversParentTypes['MalformedLine']> = {
  line?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PoolConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PoolConnection'] = ResolversParentTypes['PoolConnection']> = {
  edges?: Resolver<Array<ResolversTypes['PoolEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type PoolEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PoolEdge'] = ResolversParentTypes['PoolEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Pool'], ParentType, ContextType>;
};

export type PoolResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Pool'] = ResolversParentTypes['Pool']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  format?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sampleCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  selections?: Resolver<Array<ResolversTypes['Selection']>, ParentType, ContextType, Partial<PoolSelectionsArgs>>;
};

export type SelectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Selection'] = ResolversParentTypes['Selection']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  pool?: Resolver<ResolversTypes['Pool'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['SelectionMethod'], ParentType, ContextType>;
  sae?: Resolver<Maybe<ResolversTypes['Sae']>, ParentType, ContextType>;
  embedder?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SelectionStatus'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ratio?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  count?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  targetCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  targetPool?: Resolver<Maybe<ResolversTypes['Pool']>, ParentType, ContextType>;
  poolSize?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  selectedCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  items?: Resolver<ResolversTypes['SelectionItemConnection'], ParentType, ContextType, Partial<SelectionItemsArgs>>;
  jsonl?: Resolver<ResolversTypes['JsonlPage'], ParentType, ContextType, Partial<SelectionJsonlArgs>>;
};

export type SelectionItemConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SelectionItemConnection'] = ResolversParentTypes['SelectionItemConnection']> = {
  edges?: Resolver<Array<ResolversTypes['SelectionItemEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type SelectionItemEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SelectionItemEdge'] = ResolversParentTypes['SelectionItemEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['SelectionItem'], ParentType, ContextType>;
};

export type SelectionItemResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SelectionItem'] = ResolversParentTypes['SelectionItem']> = {
  rank?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  sample?: Resolver<ResolversTypes['PoolSample'], ParentType, ContextType>;
  drivingFeatures?: Resolver<Array<ResolversTypes['DrivingFeature']>, ParentType, ContextType>;
};

export type PoolSampleResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PoolSample'] = ResolversParentTypes['PoolSample']> = {
  externalId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  response?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  metadata?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type DrivingFeatureResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DrivingFeature'] = ResolversParentTypes['DrivingFeature']> = {
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  contribution?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  feature?: Resolver<Maybe<ResolversTypes['Feature']>, ParentType, ContextType>;
};

export type JsonlPageResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['JsonlPage'] = ResolversParentTypes['JsonlPage']> = {
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lines?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type SteeringResultResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SteeringResult'] = ResolversParentTypes['SteeringResult']> = {
  feature?: Resolver<ResolversTypes['Feature'], ParentType, ContextType>;
  hookName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  strength?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  temperature?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  seed?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  promptTokens?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  promptTruncated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  notice?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  baseline?: Resolver<ResolversTypes['Continuation'], ParentType, ContextType>;
  steered?: Resolver<ResolversTypes['Continuation'], ParentType, ContextType>;
  timing?: Resolver<ResolversTypes['SteeringTiming'], ParentType, ContextType>;
};

export type ContinuationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Continuation'] = ResolversParentTypes['Continuation']> = {
  tokens?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SteeringTimingResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SteeringTiming'] = ResolversParentTypes['SteeringTiming']> = {
  modelLoadMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  queuedMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  baselineMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  steeredMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ApiContext> = {
  Query?: QueryResolvers<ContextType>;
  Model?: ModelResolvers<ContextType>;
  Sae?: SaeResolvers<ContextType>;
  SaeMetrics?: SaeMetricsResolvers<ContextType>;
  FeatureConnection?: FeatureConnectionResolvers<ContextType>;
  FeatureEdge?: FeatureEdgeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Feature?: FeatureResolvers<ContextType>;
  FeatureNeighbour?: FeatureNeighbourResolvers<ContextType>;
  LogitEffects?: LogitEffectsResolvers<ContextType>;
  TokenEffect?: TokenEffectResolvers<ContextType>;
  ActivationExample?: ActivationExampleResolvers<ContextType>;
  QuantileBin?: QuantileBinResolvers<ContextType>;
  Histogram?: HistogramResolvers<ContextType>;
  Label?: LabelResolvers<ContextType>;
  HeadShare?: HeadShareResolvers<ContextType>;
  CoactivatingFeature?: CoactivatingFeatureResolvers<ContextType>;
  MapPosition?: MapPositionResolvers<ContextType>;
  FeatureMap?: FeatureMapResolvers<ContextType>;
  MapCluster?: MapClusterResolvers<ContextType>;
  MapPoint?: MapPointResolvers<ContextType>;
  FeatureFamily?: FeatureFamilyResolvers<ContextType>;
  FamilyMember?: FamilyMemberResolvers<ContextType>;
  Comparison?: ComparisonResolvers<ContextType>;
  ComparisonParam?: ComparisonParamResolvers<ContextType>;
  ComparisonFigure?: ComparisonFigureResolvers<ContextType>;
  NullDistribution?: NullDistributionResolvers<ContextType>;
  ScoreHistogram?: ScoreHistogramResolvers<ContextType>;
  FeatureMatchConnection?: FeatureMatchConnectionResolvers<ContextType>;
  FeatureMatchEdge?: FeatureMatchEdgeResolvers<ContextType>;
  FeatureMatch?: FeatureMatchResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  SaeAtoms?: SaeAtomsResolvers<ContextType>;
  LabelVersion?: LabelVersionResolvers<ContextType>;
  LabelConnection?: LabelConnectionResolvers<ContextType>;
  LabelEdge?: LabelEdgeResolvers<ContextType>;
  LabelVersionConnection?: LabelVersionConnectionResolvers<ContextType>;
  LabelVersionEdge?: LabelVersionEdgeResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
  Session?: SessionResolvers<ContextType>;
  ApiKey?: ApiKeyResolvers<ContextType>;
  CreatedApiKey?: CreatedApiKeyResolvers<ContextType>;
  Job?: JobResolvers<ContextType>;
  JobProgress?: JobProgressResolvers<ContextType>;
  JobFailure?: JobFailureResolvers<ContextType>;
  LabelScore?: LabelScoreResolvers<ContextType>;
  FeatureSearchConnection?: FeatureSearchConnectionResolvers<ContextType>;
  FeatureSearchEdge?: FeatureSearchEdgeResolvers<ContextType>;
  SearchMatch?: SearchMatchResolvers<ContextType>;
  TextRange?: TextRangeResolvers<ContextType>;
  TextFeatures?: TextFeaturesResolvers<ContextType>;
  TextToken?: TextTokenResolvers<ContextType>;
  TokenFeature?: TokenFeatureResolvers<ContextType>;
  TextFeature?: TextFeatureResolvers<ContextType>;
  TextWindows?: TextWindowsResolvers<ContextType>;
  DensityFilter?: DensityFilterResolvers<ContextType>;
  ImportPoolResult?: ImportPoolResultResolvers<ContextType>;
  MalformedLine?: MalformedLineResolvers<ContextType>;
  PoolConnection?: PoolConnectionResolvers<ContextType>;
  PoolEdge?: PoolEdgeResolvers<ContextType>;
  Pool?: PoolResolvers<ContextType>;
  Selection?: SelectionResolvers<ContextType>;
  SelectionItemConnection?: SelectionItemConnectionResolvers<ContextType>;
  SelectionItemEdge?: SelectionItemEdgeResolvers<ContextType>;
  SelectionItem?: SelectionItemResolvers<ContextType>;
  PoolSample?: PoolSampleResolvers<ContextType>;
  DrivingFeature?: DrivingFeatureResolvers<ContextType>;
  JsonlPage?: JsonlPageResolvers<ContextType>;
  SteeringResult?: SteeringResultResolvers<ContextType>;
  Continuation?: ContinuationResolvers<ContextType>;
  SteeringTiming?: SteeringTimingResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = ApiContext> = {
  cost?: CostDirectiveResolver<any, any, ContextType>;
  listSize?: ListSizeDirectiveResolver<any, any, ContextType>;
  perRequest?: PerRequestDirectiveResolver<any, any, ContextType>;
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
};
