import { cache } from 'react';
import { operation, request } from '../graphql';
import type { SaeMetrics } from './types';

export interface SaeDetail {
  id: string;
  hookName: string;
  architecture: string;
  dIn: number;
  width: number;
  k: number | null;
  trainingTokens: number | null;
  statisticsTokens: number | null;
  corpusName: string | null;
  createdAt: string;
  metrics: SaeMetrics | null;
  model: { id: string; displayName: string };
}

const SAE = operation<{ sae: SaeDetail }, { id: string }>(/* GraphQL */ `
  query Sae($id: ID!) {
    sae(id: $id) {
      id
      hookName
      architecture
      dIn
      width
      k
      trainingTokens
      statisticsTokens
      corpusName
      createdAt
      metrics { l0 fvu deadFraction }
      model { id displayName }
    }
  }
`);

/** One SAE; throws GraphQLRequestError with code NOT_FOUND for an unknown id. Memoised per request. */
export const getSae = cache(async (id: string): Promise<SaeDetail> => {
  const data = await request(SAE, { id });
  return data.sae;
});
