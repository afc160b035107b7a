import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getPoolRepresentation, getSelectionByJobId, listSelectionItems, openDatabase, serveDatabase, type AtlasDb, type ServedDatabase } from '@atlas/db';
import { demoModelDir } from '@atlas/demo-model';
import { openJobQueue, type JobQueue, type JobWorkers } from '@atlas/jobs';
import { loadLanguageModel } from '@atlas/model';
import { saveSaeLens } from '@atlas/sae';
import { embedderKey, loadWordVectorEmbedder } from '@atlas/embed';
import { writeTinyBert } from '@atlas/embed/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  checkSelectionRequest, embeddingRepresentationKey, importPool, loadSelectionEmbedder, representPoolJob, runSelectionJob, saeRepresentationKey,
} from '../src/index.ts';
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
    // The cancelled attempt stops at its next look at the job's state, so it may have stored more
    // steps meanwhile — on a fast machine all of them, leaving the new job nothing to do. Either
    // way the new job starts where the stored work ends, never from the beginning.
    const { resumedFrom, samples } = done!.result as { resumedFrom: number; samples: number };
    expect(resumedFrom).toBeGreaterThanOrEqual(partial.samplesDone);
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

  it('select-run with the embedding method: the offline word vectors by default, the embedder recorded in the result and the selection', async () => {
    const id = await queue.enqueue(runSelectionJob, {
      poolId: 'pool', method: 'embedding', count: 8,
      targets: { texts: ['The harpoon struck the whale and the boat was dragged across the waves.', 'The sailors rowed the whaleboat out to sea.'] },
    });
    const [job] = await queue.waitForJobs([id]);
    expect(job!.state).toBe('succeeded');
    const wordVectors = loadWordVectorEmbedder();
    const key = embedderKey(wordVectors.id);
    expect(key).toMatch(/^atlas-word-vectors@1#[0-9a-f]{12}$/);
    const selection = (await getSelectionByJobId(db, id))!;
    expect(job!.result).toEqual({ selectionId: selection.id, poolSize: POOL_SIZE, selected: 8, embedder: key });
    expect(selection).toMatchObject({ status: 'complete', method: 'embedding', selectedCount: 8, saeId: null, params: { similarity: 'cosine', embedder: key } });
    // The pool's embeddings are stored under the embedder's identity (a new embedder re-embeds).
    expect(await getPoolRepresentation(db, 'pool', embeddingRepresentationKey(wordVectors.id))).toMatchObject({ status: 'complete', samplesDone: POOL_SIZE, dimensions: 128 });
    const items = await listSelectionItems(db, { selectionId: selection.id, afterRank: 0, limit: 10 });
    expect(items.map((item) => item.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(items.filter((item) => item.sample.metadata?.kind === 'sea').length).toBeGreaterThanOrEqual(6);
    expect(items.every((item) => item.featureIndices == null)).toBe(true);
  }, 600_000);

  describe('with ATLAS_EMBEDDER_DIR set', () => {
    afterEach(() => vi.unstubAllEnvs());

    it('the ONNX sentence-embedding folder it names scores the selection', async () => {
      const tiny = writeTinyBert(path.join(dir, 'tiny-bert'));
      vi.stubEnv('ATLAS_EMBEDDER_DIR', tiny.dir);
      const embedder = await loadSelectionEmbedder();
      expect(embedder.id.name).toBe('tiny-bert');
      const id = await queue.enqueue(runSelectionJob, { poolId: 'pool', method: 'embedding', ratio: 0.05, targets: { texts: ['the big whale sat on a ship'] } });
      const [job] = await queue.waitForJobs([id]);
      expect(job!.state).toBe('succeeded');
      const key = embedderKey(embedder.id);
      expect(key).toMatch(/^tiny-bert@1#[0-9a-f]{12}$/);
      expect(job!.result).toMatchObject({ poolSize: POOL_SIZE, selected: 8, embedder: key });
      expect((await getSelectionByJobId(db, id))!.params).toMatchObject({ embedder: key });
      expect(await getPoolRepresentation(db, 'pool', embeddingRepresentationKey(embedder.id))).toMatchObject({ status: 'complete', dimensions: 8 });
    }, 600_000);

    it('a folder that does not load is MODEL_UNAVAILABLE before anything is queued, naming the setting and the fix', async () => {
      vi.stubEnv('ATLAS_EMBEDDER_DIR', path.join(dir, 'no-such-model'));
      const request = { poolId: 'pool', method: 'embedding', targets: { texts: ['whales'] } };
      await expect(checkSelectionRequest(db, request)).rejects.toMatchObject({
        code: 'MODEL_UNAVAILABLE',
        message: expect.stringMatching(/ATLAS_EMBEDDER_DIR \(.*no-such-model\) does not load: .*missing onnx\/model\.onnx.*unset ATLAS_EMBEDDER_DIR to use the offline word vectors/),
      });
      // Bad input is still reported as such first, and the other methods do not load an embedder.
      await expect(checkSelectionRequest(db, { ...request, ratio: 2 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
      await expect(checkSelectionRequest(db, { ...request, similarity: 'jaccard' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/use similarity "cosine"/) });
      await expect(checkSelectionRequest(db, { ...request, method: 'random' })).resolves.toEqual({ size: 8, poolSize: POOL_SIZE });
    }, 600_000);
  });

  it('a bad payload is refused at enqueue; an unknown SAE fails the job with NOT_FOUND, not retried', async () => {
    await expect(queue.enqueue(runSelectionJob, { poolId: 'pool', method: 'best', targets: { texts: ['x'] } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const id = await queue.enqueue(runSelectionJob, { poolId: 'pool', saeId: 'no/such/sae', method: 'mona', targets: { texts: ['x'] } });
    const [job] = await queue.waitForJobs([id]);
    expect(job).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'NOT_FOUND' } });
    expect(job!.error!.message).toMatch(/No SAE "no\/such\/sae"/);
  }, 600_000);
});
