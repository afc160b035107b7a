import type { Resolvers } from '../generated/resolvers-types.ts';
import { Feature, FeatureNeighbour } from './feature.ts';
import { FeatureConnection } from './feature-connection.ts';
import { CoactivatingFeature, MapPoint } from './feature-map.ts';
import { Label } from './label.ts';
import { Model } from './model.ts';
import { Query } from './query.ts';
import { Sae } from './sae.ts';

export const resolvers: Resolvers = {
  Query, Model, Sae, Feature, FeatureNeighbour, FeatureConnection, Label, CoactivatingFeature, MapPoint,
};
