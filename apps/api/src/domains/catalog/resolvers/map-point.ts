import { formatFeatureId } from '@atlas/ids';
import type { MapPointResolvers } from '../../../generated/resolvers-types.ts';

export const MapPoint: MapPointResolvers = {
  featureId: (point) => formatFeatureId(point),
};
