import { operation, request } from '../graphql';
import { MODEL_WITH_SAES_FIELDS } from './model-fields';
import type { ModelsQuery, ModelsQueryVariables } from '../../generated/operations';

/** A model with its SAEs, as the catalog shows it (generated from the Models query below). */
export type ModelSummary = ModelsQuery['models'][number];
export type ModelSaeSummary = ModelSummary['saes'][number];

const MODELS = operation<ModelsQuery, ModelsQueryVariables>(/* GraphQL */ `
  query Models {
    models {
      ...ModelWithSaesFields
    }
  }
  ${MODEL_WITH_SAES_FIELDS}
`);

export async function getModels(): Promise<ModelSummary[]> {
  const data = await request(MODELS, {});
  return data.models;
}
