import { operation, request } from '../graphql';
import type { SaeMetrics } from './types';

export interface ModelSaeSummary {
  id: string;
  hookName: string;
  architecture: string;
  width: number;
  k: number | null;
  metrics: SaeMetrics | null;
}

export interface ModelSummary {
  id: string;
  displayName: string;
  architecture: string;
  layerCount: number;
  dModel: number;
  vocabSize: number;
  contextLength: number;
  saes: ModelSaeSummary[];
}

const MODELS = operation<{ models: ModelSummary[] }>(/* GraphQL */ `
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
