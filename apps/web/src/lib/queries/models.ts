import { operation, request } from '../graphql';
import type { ModelsQuery, ModelsQueryVariables } from '../../generated/operations';

/** A model with its SAEs, as the catalog shows it (generated from the Models query below). */
export type ModelSummary = ModelsQuery['models'][number];
export type ModelSaeSummary = ModelSummary['saes'][number];

const MODELS = operation<ModelsQuery, ModelsQueryVariables>(/* GraphQL */ `
  query Models {
    models {
      id
      displayName
      architecture
      layerCount
      dModel
      vocabSize
      contextLength
      saes {
        id
        hookName
        architecture
        width
        k
        metrics { l0 fvu deadFraction }
      }
    }
  }
`);

export async function getModels(): Promise<ModelSummary[]> {
  const data = await request(MODELS, {});
  return data.models;
}
