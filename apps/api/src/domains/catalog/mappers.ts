import type {
  ActivationExampleRow,
  FeatureNeighbourRow,
  FeatureRow,
  HistogramRow,
  LabelRow,
  LogitEffectsRow,
  ModelRow,
  QuantileBinRow,
  SaeRow,
  TokenEffectRow,
} from '@atlas/db';
import type { FeatureMapPage, MapPointParent } from './feature-map.ts';
import type { FeaturePage } from './feature-page.ts';

/** What each catalog type resolves from (codegen reads every `<GraphQLType>Mapper` here). */
export type ModelMapper = ModelRow;
export type SaeMapper = SaeRow;
export type FeatureMapper = FeatureRow;
export type ActivationExampleMapper = ActivationExampleRow;
export type HistogramMapper = HistogramRow;
export type QuantileBinMapper = QuantileBinRow;
export type LabelMapper = LabelRow;
export type FeatureNeighbourMapper = FeatureNeighbourRow;
export type LogitEffectsMapper = LogitEffectsRow;
export type TokenEffectMapper = TokenEffectRow;
export type FeatureConnectionMapper = FeaturePage;
export type CoactivatingFeatureMapper = FeatureNeighbourRow;
export type FeatureMapMapper = FeatureMapPage;
export type MapPointMapper = MapPointParent;
