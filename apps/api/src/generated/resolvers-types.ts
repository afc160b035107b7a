import type { GraphQLResolveInfo } from 'graphql';
import type { ModelMapper, SaeMapper, FeatureMapper, ActivationExampleMapper, HistogramMapper, QuantileBinMapper, LabelMapper, FeatureNeighbourMapper, LogitEffectsMapper, TokenEffectMapper, FeatureConnectionMapper, CoactivatingFeatureMapper, FeatureMapMapper, MapPointMapper } from '../domains/catalog/mappers.ts';
import type { FeatureSearchConnectionMapper, FeatureSearchEdgeMapper, SearchMatchMapper, TextFeaturesMapper, TextTokenMapper, TokenFeatureMapper, TextFeatureMapper } from '../domains/search/mappers.ts';
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
  /** Features of one SAE, ordered by index. first: 1..100 (default 25). */
  features: FeatureConnection;
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
  features: FeatureConnection;
  /**
   * Features placed on the SAE's map (UMAP of decoder directions), by index, with their labels for
   * hover. first: 1..10000 (default 5000); after: endCursor of the previous page. bounds keeps only
   * points inside the rectangle (a zoomed-in view).
   */
  map: FeatureMap;
};


export type SaeFeaturesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
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
   * The features of other SAEs on the same model and hook whose decoder directions are nearest in
   * cosine: perSae (1..10, default 3) per SAE, from at most 10 SAEs, nearest first.
   */
  decoderNeighboursAcrossSaes: Array<FeatureNeighbour>;
};


export type FeatureTopActivationsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
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
  MapPoint: ResolverTypeWrapper<MapPointMapper>;
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
  MapPoint: MapPointMapper;
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
  features?: Resolver<ResolversTypes['FeatureConnection'], ParentType, ContextType, RequireFields<QueryFeaturesArgs, 'saeId'>>;
  searchFeatures?: Resolver<ResolversTypes['FeatureSearchConnection'], ParentType, ContextType, RequireFields<QuerySearchFeaturesArgs, 'query' | 'mode'>>;
  featuresForText?: Resolver<ResolversTypes['TextFeatures'], ParentType, ContextType, RequireFields<QueryFeaturesForTextArgs, 'saeId' | 'text'>>;
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
  features?: Resolver<ResolversTypes['FeatureConnection'], ParentType, ContextType, Partial<SaeFeaturesArgs>>;
  map?: Resolver<ResolversTypes['FeatureMap'], ParentType, ContextType, Partial<SaeMapArgs>>;
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
};

export type MapPointResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MapPoint'] = ResolversParentTypes['MapPoint']> = {
  featureId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  x?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  y?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  density?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  isDead?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  label?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
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
  MapPoint?: MapPointResolvers<ContextType>;
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
