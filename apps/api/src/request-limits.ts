/**
 * What one request may ask of the API (and the memory kept for cached answers). Every refusal says which limit, the request's figure
 * and how to stay under it (README: Limits). Page sizes are in limits.ts; steering's arguments
 * in domains/steering/steer-args.ts; the body limit (1 MB) in http/read-body.ts.
 */
export type RequestLimits = {
  /** Lexical tokens in the query document (the parser stops at this many). */
  maxTokens: number;
  /** Field nesting, introspection not counted. */
  maxDepth: number;
  /** Aliased fields, fragments counted where they are spread. */
  maxAliases: number;
  /** Fields after spreading fragments; bounds the cost analysis itself. */
  maxExpandedFields: number;
  /** Query cost (schema @cost and @listSize; README: Limits). */
  maxCost: number;
  /** Bytes of one JSON response. */
  maxResponseBytes: number;
  /** Milliseconds from the request's arrival to its answer; then its work is cancelled. */
  timeoutMs: number;
  /** Memory for whole cached answers (http/answer-cache.ts); 0 turns the cache off. */
  responseCacheBytes: number;
};

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxTokens: 2_000,
  maxDepth: 10,
  maxAliases: 50,
  maxExpandedFields: 2_000,
  maxCost: 10_000,
  maxResponseBytes: 8_000_000,
  timeoutMs: 30_000,
  responseCacheBytes: 64_000_000,
};
