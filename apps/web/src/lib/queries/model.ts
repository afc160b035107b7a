import { cache } from 'react';
import { operation, request } from '../graphql';
import { MODEL_WITH_SAES_FIELDS } from './model-fields';
import type { ModelQuery, ModelQueryVariables } from '../../generated/operations';

/** One model with its SAEs (generated from the Model query below). */
export type ModelDetail = ModelQuery['model'];

const MODEL = operation<ModelQuery, ModelQueryVariables>(/* GraphQL */ `
  query Model($id: ID!) {
    model(id: $id) {
      ...ModelWithSaesFields
    }
  }
  ${MODEL_WITH_SAES_FIELDS}
`);

/** One model; NOT_FOUND for an unknown id. Memoised per request. */
export const getModel = cache(async (id: string): Promise<ModelDetail> => {
  const data = await request(MODEL, { id });
  return data.model;
});
