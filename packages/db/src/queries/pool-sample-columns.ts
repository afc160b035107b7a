import { poolSamples } from '../schema/index.ts';

/** The columns of a `PoolSampleRow` (shared by the pool, representation and selection queries). */
export const sampleColumns = {
  id: poolSamples.id,
  position: poolSamples.position,
  externalId: poolSamples.externalId,
  text: poolSamples.text,
  response: poolSamples.response,
  metadata: poolSamples.metadata,
};
