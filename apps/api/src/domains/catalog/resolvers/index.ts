import type { Resolvers } from '../../../generated/resolvers-types.ts';
import { CoactivatingFeature, Feature, FeatureNeighbour } from './feature.ts';
import { FeatureConnection } from './feature-connection.ts';
import { FeatureMap } from './feature-map.ts';
import { Label } from './label.ts';
import { MapPoint } from './map-point.ts';
import { Model } from './model.ts';
import { Query } from './query.ts';
import { Sae } from './sae.ts';

export const catalogResolvers: Resolvers = {
  Query, Model, Sae, Feature, FeatureNeighbour, FeatureConnection, Label, CoactivatingFeature, FeatureMap, MapPoint,
};
