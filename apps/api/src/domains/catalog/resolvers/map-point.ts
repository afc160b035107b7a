import { formatFeatureId } from '@atlas/ids';
import type { MapPointResolvers } from '../../../generated/resolvers-types.ts';
import { labelSource } from './label.ts';

export const MapPoint: MapPointResolvers = {
  featureId: (point) => formatFeatureId(point),
  labelSource: (point) => (point.labelSource === null ? null : labelSource(point.labelSource)),
};
