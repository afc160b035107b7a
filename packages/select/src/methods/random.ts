import { listPoolSamples } from '@atlas/db';
import { seededUnit } from '../scoring/top-selection.ts';
import type { SelectionMethod } from './method.ts';

/** Random: every sample gets a seeded uniform score (the same seed, the same selection). */
export const randomMethod: SelectionMethod = {
  name: 'random',
  check() {},
  async score(context) {
    const ids: number[] = [];
    let after: number | null = null;
    for (;;) {
      const page = await listPoolSamples(context.db, { poolId: context.pool.id, afterPosition: after, limit: 10_000 });
      if (page.length === 0) break;
      ids.push(...page.map((sample) => sample.id));
      after = page.at(-1)!.position;
    }
    const scores = Float32Array.from(ids, (id) => seededUnit(id, context.seed ^ 0x5bd1e995));
    return { sampleIds: Float64Array.from(ids), scores, stats: {} };
  },
};
