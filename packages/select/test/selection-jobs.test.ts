import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getPoolRepresentation, getSelectionByJobId, listSelectionItems, openDatabase, serveDatabase, type AtlasDb, type ServedDatabase } from '@atlas/db';
import { demoModelDir } from '@atlas/demo-model';
import { openJobQueue, type JobQueue, type JobWorkers } from '@atlas/jobs';
import { loadLanguageModel } from '@atlas/model';
import { saveSaeLens } from '@atlas/sae';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPool, representPoolJob, runSelectionJob, saeRepresentationKey } from '../src/index.ts';
import { MODEL_ID, registerSae, trainSmallSae } from './support/sae-atlas.ts';
import { CONGRESS, SEA } from './support/texts.ts';

const HOOK = 'blocks.1.hook_resid_post';
const SAE_ID = `${MODEL_ID}/${HOOK}/topk-128`;
const POOL_SIZE = 160;

let dir: string;
let db: AtlasDb;
let served: ServedDatabase;
let queue: JobQueue;
let workers: JobWorkers;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'select-jobs-'));
  db = await openDatabase({ inMemory: true });
  const model = await loadLanguageModel(demoModelDir);
  try {
    const sae = await trainSmallSae(model, HOOK, [...SEA, ...CONGRESS], { width: 128, k: 8, steps: 150 });
    await saveSaeLens(path.join(dir, 'sae'), sae);
    await registerSae(db, model, SAE_ID, HOOK, sae);
  } finally {
    model.dispose();
  }
  const texts = Array.from({ length: POOL_SIZE }, (_, i) => `${[...SEA, ...CONGRESS][i % 16]} (${i})`);
  await importPool(db, { id: 'pool', content: texts.map((text, i) => JSON.stringify({ text, kind: i % 16 < 8 ? 'sea' : 'congress' })).join('\n'), format: 'jsonl' });
  served = await serveDatabase(db);
  queue = await openJobQueue(served.url, { log: () => {} });
  workers = await queue.startWorkers({ kinds: [representPoolJob, runSelectionJob], quiet: true });
}, 600_000);

afterAll(async () => {
  await workers?.stop();
  await queue?.close();
  await served?.close();
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('data-selection jobs', () => {
  it('select-represent reports progress, stops when cancelled and a new job resumes where it stopped', async () => {
    const payload = { poolId: 'pool', saeId: SAE_ID, saeDir: path.join(dir, 'sae'), samplesPerStep: 2 };
    const first = await queue.enqueue(representPoolJob, payload);
    for (;;) {
      const job = (await queue.getJob(first))!;
      if ((job.progress?.done ?? 0) >= 4 || job.state !== 'queued' && job.state !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await queue.cancel(first);
    const [cancelled] = await queue.waitForJobs([first]);
    expect(cancelled!.state).toBe('cancelled');
    expect(cancelled!.progress).toMatchObject({ unit: 'samples', total: POOL_SIZE });
    const partial = (await getPoolRepresentation(db, 'pool', saeRepresentationKey(SAE_ID)))!;
    expect(partial.samplesDone).toBeGreaterThanOrEqual(4);
    expect(partial.samplesDone).toBeLessThan(POOL_SIZE);

    const second = await queue.enqueue(representPoolJob, payload);
    const [done] = await queue.waitForJobs([second]);
    expect(done!.state).toBe('succeeded');
    // The cancelled attempt stops within a poll interval, so it may have stored a step or two more.
    const { resumedFrom, samples } = done!.result as { resumedFrom: number; samples: number };
    expect(resumedFrom).toBeGreaterThanOrEqual(partial.samplesDone);
    expect(resumedFrom).toBeLessThan(POOL_SIZE);
    expect(resumedFrom + samples).toBe(POOL_SIZE);
    expect((await getPoolRepresentation(db, 'pool', saeRepresentationKey(SAE_ID)))!.status).toBe('complete');
  }, 600_000);

  it('select-run stores a selection tied to its job, best first with driving features', async () => {
    const id = await queue.enqueue(runSelectionJob, {
      poolId: 'pool', saeId: SAE_ID, saeDir: path.join(dir, 'sae'), method: 'mona', count: 8,
      targets: { texts: ['The harpoon struck the whale and the boat was dragged across the waves.'] },
    });
    const [job] = await queue.waitForJobs([id]);
    expect(job!.state).toBe('succeeded');
    const selection = (await getSelectionByJobId(db, id))!;
    expect(job!.result).toEqual({ selectionId: selection.id, poolSize: POOL_SIZE, selected: 8 });
    expect(selection).toMatchObject({ status: 'complete', method: 'mona', selectedCount: 8, jobId: id });
    const items = await listSelectionItems(db, { selectionId: selection.id, afterRank: 0, limit: 10 });
    expect(items.map((item) => item.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(items.filter((item) => item.sample.metadata?.kind === 'sea').length).toBeGreaterThanOrEqual(6);
    expect(items.every((item) => (item.featureIndices?.length ?? 0) > 0)).toBe(true);
  }, 600_000);

  it('a bad payload is refused at enqueue; an unknown SAE fails the job with NOT_FOUND, not retried', async () => {
    await expect(queue.enqueue(runSelectionJob, { poolId: 'pool', method: 'best', targets: { texts: ['x'] } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const id = await queue.enqueue(runSelectionJob, { poolId: 'pool', saeId: 'no/such/sae', method: 'mona', targets: { texts: ['x'] } });
    const [job] = await queue.waitForJobs([id]);
    expect(job).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'NOT_FOUND' } });
    expect(job!.error!.message).toMatch(/No SAE "no\/such\/sae"/);
  }, 600_000);
});
