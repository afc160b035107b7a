import { setTimeout as sleep } from 'node:timers/promises';
import { AtlasError } from '@atlas/errors';
import { z } from 'zod';
import { defineJobKind } from '../../src/index.ts';

/** Counts `steps` steps of `stepMs` each, reporting progress; stops when its signal aborts. */
export const countJob = defineJobKind({
  name: 'test-count',
  payload: z.object({ steps: z.number().int().positive(), stepMs: z.number().int().min(0).default(0) }),
  run: async ({ steps, stepMs }, ctx) => {
    for (let step = 1; step <= steps; step += 1) {
      ctx.signal.throwIfAborted();
      await sleep(stepMs);
      ctx.progress(step, steps, 'steps');
    }
    ctx.log(`counted ${steps}`);
    return { steps, attempt: ctx.attempt };
  },
});

/** Fails its first `failures` attempts (an outage, retryable), then succeeds. */
export const flakyJob = defineJobKind({
  name: 'test-flaky',
  payload: z.object({ failures: z.number().int().min(0) }),
  run: async ({ failures }, ctx) => {
    if (ctx.attempt <= failures) throw new AtlasError(`upstream down on attempt ${ctx.attempt}`, { code: 'UPSTREAM_FAILED' });
    return { attempt: ctx.attempt };
  },
});

/** Fails with a user-facing error (kept, not retried) or a bug (masked as INTERNAL, retried). */
export const failingJob = defineJobKind({
  name: 'test-failing',
  payload: z.object({ as: z.enum(['user', 'bug']) }),
  run: async ({ as }) => {
    if (as === 'user') throw new AtlasError('No SAE "nope": list the SAEs with `atlas saes`.', { code: 'NOT_FOUND' });
    throw new TypeError('secret internals: cannot read properties of undefined');
  },
});

/** Stores `size` pseudo-random bytes as a binary result, and reads them back on a retry. */
export const bytesJob = defineJobKind({
  name: 'test-bytes',
  payload: z.object({ size: z.number().int().min(0), seed: z.number().int() }),
  run: async ({ size, seed }, ctx) => {
    const bytes = pseudoRandomBytes(size, seed);
    await ctx.saveBinaryResult('data', bytes);
    const back = await ctx.loadBinaryResult('data');
    return { size, readBack: back?.byteLength ?? null };
  },
});

export const testKinds = [countJob, flakyJob, failingJob, bytesJob];

export function pseudoRandomBytes(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let state = seed >>> 0;
  for (let i = 0; i < size; i += 1) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}
