import { cache } from 'react';
import { operation, request } from '../graphql';
import type { SaeQuery, SaeQueryVariables } from '../../generated/operations';

/** One SAE with its metrics and model (generated from the Sae query below). */
export type SaeDetail = SaeQuery['sae'];

const SAE = operation<SaeQuery, SaeQueryVariables>(/* GraphQL */ `
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
      atoms { r2 coherence aip uniqueShare maxUniqueSupport }
      model { id displayName }
    }
  }
`);

/** One SAE; throws GraphQLRequestError with code NOT_FOUND for an unknown id. Memoised per request. */
export const getSae = cache(async (id: string): Promise<SaeDetail> => {
  const data = await request(SAE, { id });
  return data.sae;
});
