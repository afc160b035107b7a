import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cancelJobRecord, deleteJobBinaryResults, finishJobAttempt, getJob, getJobsByIds, insertJob, jobsWithBinaryResult, listJobs,
  loadJobBinaryResult, saveJobBinaryResult, saveJobProgress, startJobAttempt, type AtlasDb,
} from '../src/index.ts';
import { drivers } from './drivers.ts';

describe.each(drivers)('job records (%s)', (_name, open) => {
  let db: AtlasDb;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  const newJob = async (kind = 'compare', singletonKey: string | null = null) => {
    const id = randomUUID();
    const inserted = await insertJob(db, { id, kind, payload: { a: 1 }, singletonKey, maxAttempts: 3 });
    return { id, inserted };
  };

  it('walks a job through its states: queued, running with progress and an ETA, succeeded', async () => {
    const { id } = await newJob();
    expect(await getJob(db, id)).toMatchObject({ state: 'queued', attempts: 0, maxAttempts: 3, payload: { a: 1 }, progress: null, startedAt: null });
    expect(await startJobAttempt(db, id, 1)).toMatchObject({ state: 'running', attempts: 1 });
    expect(await startJobAttempt(db, id, 1)).toBeNull(); // the same attempt twice: someone else has it
    expect(await saveJobProgress(db, id, 1, { done: 25, total: 100, unit: 'rows', rate: 5 })).toEqual({ state: 'running', attempts: 1 });
    const running = await getJob(db, id);
    expect(running!.progress).toMatchObject({ done: 25, total: 100, unit: 'rows', rate: 5 });
    expect(running!.progress!.etaSeconds).toBeGreaterThan(10);
    expect(running!.progress!.etaSeconds).toBeLessThanOrEqual(15);
    // A stale attempt's progress is not stored.
    await saveJobProgress(db, id, 0, { done: 99, total: 100, unit: 'rows', rate: 1 });
    expect((await getJob(db, id))!.progress!.done).toBe(25);
    expect(await finishJobAttempt(db, id, 1, { state: 'succeeded', result: { matches: 3 } })).toBe(true);
    const done = await getJob(db, id);
    expect(done).toMatchObject({ state: 'succeeded', result: { matches: 3 }, error: null });
    expect(done!.progress!.etaSeconds).toBeNull();
    expect(done!.finishedAt).toBeInstanceOf(Date);
    expect(await finishJobAttempt(db, id, 1, { state: 'failed', error: { code: 'UPSTREAM_FAILED', message: 'late' } })).toBe(false);
  });

  it('keeps the last error of a job queued for a retry, and clears it when the next attempt starts', async () => {
    const { id } = await newJob();
    await startJobAttempt(db, id, 1);
    await finishJobAttempt(db, id, 1, { state: 'queued', error: { code: 'UPSTREAM_FAILED', message: 'endpoint down' } });
    expect(await getJob(db, id)).toMatchObject({ state: 'queued', error: { code: 'UPSTREAM_FAILED', message: 'endpoint down' }, finishedAt: null });
    expect(await startJobAttempt(db, id, 2)).toMatchObject({ state: 'running', attempts: 2, error: null });
  });

  it('allows one unfinished job per kind and singleton key, and cancels only unfinished jobs', async () => {
    const first = await newJob('compare', 'a→b');
    expect(first.inserted).toEqual({ inserted: true });
    const second = await newJob('compare', 'a→b');
    expect(second.inserted).toMatchObject({ inserted: false, existing: { id: first.id, state: 'queued' } });
    expect((await newJob('select', 'a→b')).inserted).toEqual({ inserted: true }); // another kind
    expect(await cancelJobRecord(db, first.id, 'stop')).toEqual({ kind: 'compare' });
    expect(await cancelJobRecord(db, first.id, 'stop')).toBeNull();
    expect(await getJob(db, first.id)).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED', message: 'stop' } });
    expect((await newJob('compare', 'a→b')).inserted).toEqual({ inserted: true });
    expect(await cancelJobRecord(db, 'not-a-uuid', 'stop')).toBeNull();
  });

  it('lists jobs newest first by kind, state and key, a page at a time', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await newJob('page-kind')).id);
    // Creation times pinned: a loaded machine's clock can give two inserts one timestamp (or
    // step back). Jobs 1 and 2 share a time on purpose, so a page boundary falls inside the tie
    // and the order there is the id's.
    const createdAt = ['2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', '2026-01-01T00:00:01Z', '2026-01-01T00:00:03Z', '2026-01-01T00:00:04Z'];
    for (const [i, id] of ids.entries()) await db.orm.execute(sql`update jobs set created_at = ${createdAt[i]}::timestamptz where id = ${id}`);
    const [tieNewer, tieOlder] = ids[1]! > ids[2]! ? [ids[1]!, ids[2]!] : [ids[2]!, ids[1]!];
    const page1 = await listJobs(db, { kinds: ['page-kind'], first: 2 });
    const page2 = await listJobs(db, { kinds: ['page-kind'], first: 2, after: page1.at(-1)!.id });
    const page3 = await listJobs(db, { kinds: ['page-kind'], first: 2, after: page2.at(-1)!.id });
    expect([...page1, ...page2, ...page3].map((job) => job.id)).toEqual([ids[4], ids[3], tieNewer, tieOlder, ids[0]]);
    expect(await listJobs(db, { kinds: ['page-kind'], states: ['running'] })).toEqual([]);
    expect(await listJobs(db, { after: 'not-a-uuid' })).toEqual([]);
    expect((await getJobsByIds(db, [ids[2]!, 'nope', ids[0]!])).map((job) => job.id)).toEqual([ids[2], ids[0]]);
  });

  it('stores binary results in chunks, exactly, visible only once whole', async () => {
    const { id } = await newJob('bytes');
    const bytes = Uint8Array.from({ length: 2_500 }, (_, i) => (i * 7) % 256);
    expect(await loadJobBinaryResult(db, id, 'state')).toBeNull();
    await saveJobBinaryResult(db, id, 'state', bytes, 1_000);
    expect(Buffer.from((await loadJobBinaryResult(db, id, 'state'))!)).toEqual(Buffer.from(bytes));
    // Overwritten with fewer chunks.
    await saveJobBinaryResult(db, id, 'state', bytes.subarray(0, 1_500), 1_000);
    expect(Buffer.from((await loadJobBinaryResult(db, id, 'state'))!)).toEqual(Buffer.from(bytes.subarray(0, 1_500)));
    await saveJobBinaryResult(db, id, 'empty', new Uint8Array(0));
    expect((await loadJobBinaryResult(db, id, 'empty'))!.byteLength).toBe(0);
    expect(await jobsWithBinaryResult(db, [id, randomUUID()], 'state')).toEqual(new Set([id]));
    await deleteJobBinaryResults(db, [id]);
    expect(await loadJobBinaryResult(db, id, 'state')).toBeNull();
  });
});
