import { z } from 'zod';

/**
 * The methods a stored comparison can use. `families` stores each narrow feature's children as
 * edges (A = the narrow SAE's parent, B = the wide SAE's child, score = cosine, with containment).
 */
export const COMPARISON_METHODS = ['decoder-cosine', 'aip', 'activation-correlation', 'families'] as const;
export type StoredComparisonMethod = (typeof COMPARISON_METHODS)[number];

/** Tokens the encoding methods run by default, and at most (one request must stay bounded). */
export const DEFAULT_COMPARISON_TOKENS = 65_536;
export const MAX_COMPARISON_TOKENS = 4_194_304;

/** What a comparison is asked for: the `compare` job's payload, the CLI's flags and the API's mutation. */
export const compareRequest = z.object({
  saeA: z.string().min(1),
  saeB: z.string().min(1),
  method: z.enum(COMPARISON_METHODS),
  /** Corpus the encoding methods run (default: SAE A's statistics corpus). */
  corpus: z.string().min(1).optional(),
  /** Tokens the encoding methods run (AIP's covariance, activation correlation's shared tokens, families' co-firing). */
  tokens: z.number().int().min(64).max(MAX_COMPARISON_TOKENS).default(DEFAULT_COMPARISON_TOKENS),
  seed: z.number().int().min(0).default(0),
});
export type CompareRequest = z.infer<typeof compareRequest>;

/** One comparison runs at a time per pair and method (a second start is CONFLICT, naming the first). */
export const compareSingletonKey = (request: Pick<CompareRequest, 'saeA' | 'saeB' | 'method'>) =>
  `${request.method}:${request.saeA}→${request.saeB}`;
