import type { ComparisonMethod } from '../../generated/resolvers-types.ts';

/** GraphQL's enum values and the stored method names (the job's and the CLI's). */
const STORED = { DECODER_COSINE: 'decoder-cosine', AIP: 'aip', ACTIVATION_CORRELATION: 'activation-correlation', FAMILIES: 'families' } as const;
export type StoredMethod = (typeof STORED)[ComparisonMethod];

export const storedMethod = (method: ComparisonMethod): StoredMethod => STORED[method];

export function graphqlMethod(stored: string): ComparisonMethod {
  const found = (Object.keys(STORED) as ComparisonMethod[]).find((key) => STORED[key] === stored);
  if (!found) throw new Error(`comparison method "${stored}" is stored but has no GraphQL value`);
  return found;
}
