import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJobKind, JobError, openJobQueue, type JobQueue, type JobRecord, type JobWorkers } from '../src/index.ts';
import { targets, type TestTarget } from './support/targets.ts';
import { bytesJob, countJob, failingJob, flakyJob, pseudoRandomBytes, testKinds } from './support/test-kinds.ts';

/** Polls a job until `ready` holds (no deadline: the test's own timeout is the limit). */
async function until(queue: JobQueue, id: string, ready: (job: JobRecord) => boolean): Promise<JobRecord> {
  for (;;) {
    const job = await queue.getJob(id);
    if (job && ready(job)) return job;
    await sleep(100);
  }
}

const finish = async (queue: JobQueue, id: string) => (await queue.waitForJobs([id], { pollIntervalSeconds: 0.1 }))[0]!;

describe.each(targets)('the job runner on %s', (_name, open) => {
  let target: TestTarget;
  let queue: JobQueue;
  let workers: JobWorkers;
  const lines: string[] = [];

  beforeAll(async () => {
    target = await open();
    queue = await openJobQueue(target.url, { log: (line) => lines.push(line), superviseIntervalSeconds: 1 });
    workers = await queue.startWorkers({ kinds: testKinds, concurrency: 2, pollIntervalSeconds: 0.2, log: (line) => lines.push(line) });
  });

  afterAll(async () => {
    await workers?.stop({ abort: true });
    await queue?.close();
    await target?.close();
  });

  it('runs a job: progress with a rate and an ETA while it runs, then its result, attempts and times', async () => {
    const id = await queue.enqueue(countJob, { steps: 40, stepMs: 100 });
    const running = await until(queue, id, (job) => job.state === 'running' && (job.progress?.done ?? 0) >= 20);
    expect(running.progress).toMatchObject({ total: 40, unit: 'steps' });
    expect(running.progress!.rate).toBeGreaterThan(0);
    expect(running.progress!.etaSeconds).toBeGreaterThanOrEqual(0);
    expect(running.startedAt).toBeInstanceOf(Date);
    const done = await finish(queue, id);
    expect(done).toMatchObject({ kind: 'test-count', state: 'succeeded', result: { steps: 40, attempt: 1 }, attempts: 1, maxAttempts: 3, error: null });
    expect(done.progress).toMatchObject({ done: 40, total: 40, etaSeconds: null });
    expect(done.finishedAt!.getTime()).toBeGreaterThanOrEqual(done.startedAt!.getTime());
    expect(lines.some((line) => line.includes(id.slice(0, 8)) && line.includes('counted 40'))).toBe(true);
    const listed = await queue.listJobs({ kinds: ['test-count'], states: ['succeeded'] });
    expect(listed.map((job) => job.id)).toContain(id);
  });

  it('cancels a running job: it is cancelled at once and its run stops', async () => {
    const id = await queue.enqueue(countJob, { steps: 100_000, stepMs: 20 });
    await until(queue, id, (job) => (job.progress?.done ?? 0) >= 3);
    const cancelled = await queue.cancel(id);
    expect(cancelled).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED' } });
    // The worker notices within a poll interval and the run throws its abort reason.
    while (!lines.some((line) => line.includes(id.slice(0, 8)) && line.includes('stopped: The job was cancelled'))) await sleep(100);
    const after = await queue.getJob(id);
    expect(after).toMatchObject({ state: 'cancelled', attempts: 1 });
    expect(after!.progress!.done).toBeLessThan(100_000);
    expect((await queue.cancel(id)).state).toBe('cancelled');
    await expect(queue.cancel('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a queued job that is cancelled never runs', async () => {
    // Fill both worker slots, so the next job waits in the queue.
    const blockers = await Promise.all([0, 1].map(() => queue.enqueue(countJob, { steps: 30, stepMs: 100 })));
    await Promise.all(blockers.map((blocker) => until(queue, blocker, (job) => job.state === 'running')));
    const id = await queue.enqueue(countJob, { steps: 1 });
    expect((await queue.cancel(id)).state).toBe('cancelled');
    await queue.waitForJobs(blockers, { pollIntervalSeconds: 0.1 });
    const later = await queue.enqueue(countJob, { steps: 1 });
    await finish(queue, later);
    expect(await queue.getJob(id)).toMatchObject({ state: 'cancelled', attempts: 0, startedAt: null });
  });

  it('retries failed attempts: succeeds on the third, or fails with the last error when retries run out', async () => {
    const recovers = await queue.enqueue(flakyJob, { failures: 2 }, { retryLimit: 2 });
    const gives = await queue.enqueue(flakyJob, { failures: 5 }, { retryLimit: 1 });
    const [recovered, gaveUp] = await queue.waitForJobs([recovers, gives], { pollIntervalSeconds: 0.1 });
    expect(recovered).toMatchObject({ state: 'succeeded', attempts: 3, maxAttempts: 3, result: { attempt: 3 }, error: null });
    expect(gaveUp).toMatchObject({ state: 'failed', attempts: 2, error: { code: 'UPSTREAM_FAILED', message: 'upstream down on attempt 2' } });
  });

  it('keeps a user-facing error and does not retry it; stores a bug as INTERNAL and logs its detail', async () => {
    const user = await queue.enqueue(failingJob, { as: 'user' }, { retryLimit: 3 });
    const bug = await queue.enqueue(failingJob, { as: 'bug' }, { retryLimit: 1 });
    const [userFailed, bugFailed] = await queue.waitForJobs([user, bug], { pollIntervalSeconds: 0.1 });
    expect(userFailed).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'NOT_FOUND', message: 'No SAE "nope": list the SAEs with `atlas saes`.' } });
    expect(bugFailed).toMatchObject({ state: 'failed', attempts: 2, error: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(bugFailed!.error!.message).not.toContain('secret');
    expect(lines.some((line) => line.includes(bug.slice(0, 8)) && line.includes('TypeError: secret internals'))).toBe(true);
  });

  it('stores a binary result in chunks and reads it back exactly', async () => {
    const size = 8 * 2 ** 20 + 1_000; // two chunks: one full, one short
    const id = await queue.enqueue(bytesJob, { size, seed: 7 });
    expect(await finish(queue, id)).toMatchObject({ state: 'succeeded', result: { size, readBack: size } });
    expect(Buffer.compare(Buffer.from(await queue.loadBinaryResult(id, 'data')), Buffer.from(pseudoRandomBytes(size, 7)))).toBe(0);
    expect(await queue.jobsWithBinaryResult([id], 'data')).toEqual(new Set([id]));
    await queue.deleteBinaryResults([id]);
    await expect(queue.loadBinaryResult(id, 'data')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await queue.getJob(id))!.state).toBe('succeeded');
  });

  it('checks payloads and options, refuses a second unfinished job with the same singleton key, and names missing queues', async () => {
    await expect(queue.enqueue(countJob, { steps: -1 } as never)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('steps') });
    await expect(queue.enqueue(countJob, { steps: 1 }, { retryLimit: -1 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const first = await queue.enqueue(countJob, { steps: 100_000, stepMs: 20 }, { singletonKey: 'only-one' });
    const conflict = await queue.enqueue(countJob, { steps: 1 }, { singletonKey: 'only-one' }).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(JobError);
    expect(conflict).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(first) });
    await queue.cancel(first);
    const second = await queue.enqueue(countJob, { steps: 1 }, { singletonKey: 'only-one' });
    expect(await finish(queue, second)).toMatchObject({ state: 'succeeded', singletonKey: 'only-one' });
    expect((await queue.listJobs({ singletonKeys: ['only-one'] })).map((job) => job.id)).toEqual([second, first]);
    const unqueued = defineJobKind({ name: 'test-no-queue', payload: z.object({}), run: async () => null });
    await expect(queue.enqueue(unqueued, {})).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringContaining("pgboss.create_queue('test-no-queue'") });
  });
});
