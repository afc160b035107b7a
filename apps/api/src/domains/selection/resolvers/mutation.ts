import { checkSelectionRequest, importPool, representPoolJob, runSelectionJob, SelectError } from '@atlas/select';
import { getPoolsByIds, getSaesByIds } from '@atlas/db';
import type { MutationResolvers } from '../../../generated/resolvers-types.ts';
import { badUserInput } from '../../../errors.ts';
import { MAX_IMPORT_BYTES, selectionPayload } from '../selection-input.ts';

export const selectionMutations: Pick<MutationResolvers, 'importPool' | 'startSelection' | 'representPool'> = {
  importPool: async (_parent, { input }, ctx) => {
    const bytes = Buffer.byteLength(input.content);
    if (bytes > MAX_IMPORT_BYTES) {
      throw badUserInput(`importPool: the content has ${bytes.toLocaleString('en-US')} bytes; the limit here is ${MAX_IMPORT_BYTES.toLocaleString('en-US')}. Import larger pools with \`atlas import-pool --file FILE\` (up to 64 MiB), or split the file.`);
    }
    return importPool(ctx.db, {
      id: input.id,
      content: input.content,
      format: input.format === 'CSV' ? 'csv' : 'jsonl',
      skipMalformed: input.skipMalformed ?? false,
      ...(input.name == null ? {} : { name: input.name }),
    });
  },
  startSelection: async (_parent, { input }, ctx) => {
    const payload = selectionPayload(input, ctx.viewer.kind === 'anonymous' ? undefined : Number(ctx.viewer.userId));
    await checkSelectionRequest(ctx.db, payload);
    return ctx.jobs.enqueue(runSelectionJob, payload);
  },
  representPool: async (_parent, { poolId, saeId }, ctx) => {
    const [[pool], [sae]] = await Promise.all([getPoolsByIds(ctx.db, [poolId]), getSaesByIds(ctx.db, [saeId])]);
    if (!pool) throw new SelectError(`No pool "${poolId}"; import one first (or check the id).`, { code: 'NOT_FOUND' });
    if (!sae) throw new SelectError(`No SAE "${saeId}" in the atlas; list SAEs with the saes query, or build it first.`, { code: 'NOT_FOUND' });
    // One build per (pool, SAE) at a time: a second request while one runs is CONFLICT naming it.
    return ctx.jobs.enqueue(representPoolJob, { poolId, saeId }, { singletonKey: `represent:${poolId}:${saeId}` });
  },
};
