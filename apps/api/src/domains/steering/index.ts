import { defineDomain, readSchema } from '../domain.ts';
import { createSteeringLoaders } from './loaders.ts';
import { steer } from './resolvers/steer.ts';

/**
 * `steer`: a prompt continued with and without a feature's decoder direction. Builds on the
 * catalog (its feature lookups and decoder loader); the models run in the process-wide
 * SteeringService (`ctx.steering`), so a loaded model outlives the request.
 */
export const steering = defineDomain({
  name: 'steering',
  typeDefs: readSchema(import.meta.url),
  resolvers: { Query: { steer } },
  createLoaders: createSteeringLoaders,
});
