import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getComparisonByJob, getComparisonMatches, getFeatureMatches, getSaeAtoms, getSaeWeightsPaths, listJobs, openDatabase, serveDatabase, type AtlasDb } from '@atlas/db';
import { demoModelBDir, demoModelBId } from '@atlas/demo-model';
import { openJobQueue } from '@atlas/jobs';
import { buildAtlas, compareJob, compareSingletonKey, demoComparisonStages, runComparison, runComparisonStages, silentProgress, type AtlasRecipe, type ProgressFactory } from '@atlas/pipeline';
import { createApiServer } from '@atlas/api';
import { runAtlas } from '@atlas/cli/testing';
import { graphql } from '../support/graphql.ts';
import { TINY_CORPUS, tinyRecipe } from '../support/tiny-atlas.ts';

// Stored comparisons (issue 12) on three real tiny SAEs: two on the demo LM's hook (widths 64 and
// 32, other SAE seeds) and one on the second demo LM (d_model 192, same tokenizer). The library's
// statistics are checked in packages/compare; here: the run is stored, reused, refused, run as a job
// and by the CLI; families (32 → 64 on one hook) also read back through the API.
const repoRoot = path.resolve(import.meta.dirname, '../..');
const { DATABASE_URL: _postgres, ...embeddedDatabaseEnv } = process.env;

describe('comparisons stored in the atlas', () => {
  let root: string;
  let corpusFile: string;
  let db: AtlasDb;
  const ids = { a: '', b: '', other: '' };

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'atlas-compare-'));
    corpusFile = path.join(root, 'tiny-corpus.txt');
    writeFileSync(corpusFile, TINY_CORPUS);
    db = await openDatabase({ dataDir: path.join(root, 'pgdata') });
    const base = tinyRecipe(corpusFile) as Extract<AtlasRecipe, { saeDir?: undefined }>;
    const recipes: AtlasRecipe[] = [
      base,
      { ...base, width: 32, saeSeed: 2 },
      { ...base, modelDir: demoModelBDir, modelId: demoModelBId, modelDisplayName: 'Demo LM B' },
    ];
    const built = [];
    for (const recipe of recipes) built.push(await buildAtlas(recipe, { db, workDir: path.join(root, 'work'), progress: silentProgress, log: () => {} }));
    [ids.a, ids.b, ids.other] = built.map((result) => result.saeId) as [string, string, string];
  }, 20 * 60_000);

  afterAll(async () => {
    await db?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('records where each SAE’s weights are, and its atoms metrics', async () => {
    const paths = await getSaeWeightsPaths(db, [ids.a, ids.other]);
    expect(paths.get(ids.a)).toMatch(/sae$/);
    expect(paths.get(ids.other)).toMatch(/sae$/);
    const atoms = (await getSaeAtoms(db, [ids.a])).get(ids.a);
    expect(atoms).toMatchObject({ r2: expect.any(Number), coherence: expect.any(Number), uniqueShare: expect.any(Number) });
    expect(atoms!.coherence).toBeGreaterThan(0);
    expect(atoms!.coherence).toBeLessThanOrEqual(1.0001);
    expect(atoms!.uniqueShare).toBeGreaterThanOrEqual(0);
    expect(atoms!.uniqueShare).toBeLessThanOrEqual(1);
  });

  it('an SAE against itself: every feature assigned to itself, stored with its figures', async () => {
    const { run, reused } = await runComparison(db, { saeA: ids.a, saeB: ids.a, method: 'decoder-cosine', tokens: 256, seed: 0 }, { runKey: 'self' });
    expect(reused).toBe(false);
    expect(run.approximate).toBe(false);
    const figures = run.figures as { name: string; value: number; pValue?: number }[];
    expect(figures.find((f) => f.name === 'mutualShare')?.value).toBeCloseTo(1, 6);
    const { rows, totalCount } = await getComparisonMatches(db, run.id, { limit: 100, offset: 0, assignedOnly: true });
    expect(totalCount).toBe(64);
    for (const edge of rows) {
      expect(edge.indexB).toBe(edge.indexA);
      expect(edge.score).toBeGreaterThan(0.999);
      expect(edge.mutual).toBe(true);
    }
  });

  it('two widths on one hook: stored once, reused when asked again, found from either feature', async () => {
    const request = { saeA: ids.a, saeB: ids.b, method: 'decoder-cosine' as const, tokens: 256, seed: 0 };
    const first = await runComparison(db, request, { runKey: 'widths' });
    expect(first.reused).toBe(false);
    expect(first.run.matchCount).toBeGreaterThan(64);
    const again = await runComparison(db, request, { runKey: 'widths-again' });
    expect(again).toMatchObject({ reused: true, run: { id: first.run.id } });
    const page = await getComparisonMatches(db, first.run.id, { limit: 5, offset: 0 });
    expect(page.rows.map((row) => row.score)).toEqual([...page.rows.map((row) => row.score)].sort((x, y) => y - x));
    const top = page.rows[0]!;
    const fromB = await getFeatureMatches(db, top.featureIdB, { method: 'decoder-cosine', limit: 10, offset: 0 });
    expect(fromB.rows.some((row) => row.featureIdA === top.featureIdA && row.featureIdB === top.featureIdB)).toBe(true);
  });

  it('refuses decoder cosine across models (suggesting activation correlation) and unknown ids', async () => {
    await expect(runComparison(db, { saeA: ids.a, saeB: ids.other, method: 'decoder-cosine', tokens: 256, seed: 0 }, { runKey: 'x' }))
      .rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/activation-correlation/) });
    await expect(runComparison(db, { saeA: ids.a, saeB: 'no/such/sae', method: 'aip', tokens: 256, seed: 0 }, { runKey: 'x' }))
      .rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no\/such\/sae/) });
  });

  it('across models by activation correlation, and AIP on one hook, over the corpus', async () => {
    const cross = await runComparison(db, { saeA: ids.a, saeB: ids.other, method: 'activation-correlation', corpus: corpusFile, tokens: 256, seed: 0 }, { runKey: 'cross' });
    const names = (cross.run.figures as { name: string }[]).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['meanBestAB', 'svcca', 'rsa']));
    expect(cross.run.matchCount).toBeGreaterThan(0);
    const aip = await runComparison(db, { saeA: ids.a, saeB: ids.b, method: 'aip', corpus: corpusFile, tokens: 256, seed: 0 }, { runKey: 'aip' });
    expect((aip.run.figures as { name: string }[]).map((f) => f.name)).toContain('cosineMeanBestAB');
  });

  it('runs as a job with progress; a second start for the same pair and method is a CONFLICT', async () => {
    const served = await serveDatabase(db);
    const queue = await openJobQueue(served.url, { log: () => {} });
    try {
      const request = { saeA: ids.b, saeB: ids.a, method: 'decoder-cosine' as const, tokens: 256 };
      const id = await queue.enqueue(compareJob, request, { singletonKey: compareSingletonKey(request) });
      await expect(queue.enqueue(compareJob, request, { singletonKey: compareSingletonKey(request) })).rejects.toMatchObject({ code: 'CONFLICT' });
      const workers = await queue.startWorkers({ kinds: [compareJob], concurrency: 1 });
      const [job] = await queue.waitForJobs([id]);
      await workers.stop();
      expect(job).toMatchObject({ state: 'succeeded', result: { reused: false } });
      expect(job!.progress?.done).toBeGreaterThan(0);
      const stored = await getComparisonByJob(db, id);
      expect(stored).toMatchObject({ saeA: ids.b, saeB: ids.a, method: 'decoder-cosine' });
    } finally {
      await queue.close();
      await served.close();
    }
  });

  it('families: the narrow SAE’s features and their children in the wide one, stored and read back through GraphQL', async () => {
    const { run } = await runComparison(db, { saeA: ids.b, saeB: ids.a, method: 'families', corpus: corpusFile, tokens: 256, seed: 0 }, { runKey: 'families' });
    expect((run.figures as { name: string }[]).map((f) => f.name)).toEqual(['parentsWithChildrenShare', 'meanChildren', 'claimedShareWide', 'meanContainment']);
    expect(run.params).toMatchObject({ corpus: corpusFile, minCosine: 0.5, minContainment: 0.5, tokens: 256 });
    const { rows, totalCount } = await getComparisonMatches(db, run.id, { limit: 100, offset: 0 });
    expect(totalCount).toBe(run.matchCount);
    expect(totalCount).toBeGreaterThan(0);
    for (const edge of rows) {
      expect(edge.score).toBeGreaterThanOrEqual(0.5);
      expect(edge.containment).toBeGreaterThanOrEqual(0.5);
      expect(edge.containment).toBeLessThanOrEqual(1);
      expect(edge.coFiring).toBeGreaterThan(0);
    }
    const api = await createApiServer({ db, port: 0 });
    try {
      const edge = rows[0]!;
      const family = async (id: string) => (await graphql<{ feature: { family: null | Record<'parents' | 'children', { feature: { id: string }; cosine: number; containment: number }[]> } }>(
        api.url, `query($id: ID!) { feature(id: $id) { family { parents { feature { id } cosine containment } children { feature { id } cosine containment } } } }`, { id }));
      const parent = await family(`${ids.b}/${edge.indexA}`);
      expect(parent.errors).toBeUndefined();
      expect(parent.data!.feature.family!.children).toContainEqual({ feature: { id: `${ids.a}/${edge.indexB}` }, cosine: expect.closeTo(edge.score, 5), containment: expect.closeTo(edge.containment!, 5) });
      const child = await family(`${ids.a}/${edge.indexB}`);
      expect(child.data!.feature.family!.parents).toContainEqual(expect.objectContaining({ feature: { id: `${ids.b}/${edge.indexA}` } }));
    } finally {
      await api.stop();
    }
  });

  it('refuses families unless A is narrower than B on the same model and hook', async () => {
    await expect(runComparison(db, { saeA: ids.a, saeB: ids.b, method: 'families', tokens: 256, seed: 0 }, { runKey: 'x' }))
      .rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/A narrower than SAE B.*64 features.*32\. Swap A and B/) });
    await expect(runComparison(db, { saeA: ids.b, saeB: ids.other, method: 'families', tokens: 256, seed: 0 }, { runKey: 'x' }))
      .rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/same model and hook.*activation correlation/) });
  });

  it('atlas compare prints the summary (reused) and refuses bad input in one line', async () => {
    await db.close();
    try {
      await cliChecks();
    } finally {
      db = await openDatabase({ dataDir: path.join(root, 'pgdata') });
    }
    // The CLI's new comparison (B against itself) ran as a `compare` job: recorded with its progress.
    const cliJobs = (await listJobs(db, { kinds: ['compare'] })).filter((job) => (job.payload as { saeA: string; saeB: string }).saeA === ids.b && (job.payload as { saeB: string }).saeB === ids.b);
    expect(cliJobs).toHaveLength(1);
    expect(cliJobs[0]).toMatchObject({ state: 'succeeded', result: { reused: false } });
    expect(cliJobs[0]!.progress?.done).toBeGreaterThan(0);
  }, 10 * 60_000);

  it('the demo build’s comparison stages: stored with their bars, and a rerun reuses every one', async () => {
    // 192 tokens (the tiny corpus has 320): families and activation correlation differ from the runs above (256), so they compute.
    const stages = demoComparisonStages({ narrow: ids.b, wide: ids.a, otherModel: ids.other }, 192)
      .map((stage) => ({ ...stage, request: { ...stage.request, corpus: corpusFile } }));
    expect(stages.map((stage) => stage.request.method)).toEqual(['decoder-cosine', 'families', 'activation-correlation']);
    const bars: { stage: string; total: number; last: number; stopped: boolean }[] = [];
    const recording: ProgressFactory = (stage, total) => {
      const bar = { stage, total, last: 0, stopped: false };
      bars.push(bar);
      return { update: (done) => { bar.last = done; }, stop: () => { bar.stopped = true; } };
    };
    const first = await runComparisonStages(db, stages, { progress: recording, log: () => {} });
    expect(first.map((outcome) => [outcome.label, outcome.run.method, outcome.run.saeA, outcome.run.saeB])).toEqual([
      ['cross-width decoder cosine', 'decoder-cosine', ids.b, ids.a],
      ['cross-width families', 'families', ids.b, ids.a],
      ['cross-model activation correlation', 'activation-correlation', ids.a, ids.other],
    ]);
    // Decoder cosine b → a is reused when the job test above ran first (the whole file), computed alone (-t).
    expect(first.slice(1).map((outcome) => outcome.reused)).toEqual([false, false]);
    expect(first[1]!.run.params).toMatchObject({ tokens: 192 });
    for (const outcome of first) expect(outcome.run.matchCount).toBeGreaterThan(0);
    // Each computed stage drew its steps through the build's progress factory, every bar closed.
    for (const label of ['cross-width families', 'cross-model activation correlation']) {
      const own = bars.filter((bar) => bar.stage.startsWith(`compare ${label}: `));
      expect(own.length).toBeGreaterThan(0);
      expect(own.some((bar) => bar.last > 0)).toBe(true);
    }
    expect(bars.every((bar) => bar.stopped)).toBe(true);
    bars.length = 0;
    const again = await runComparisonStages(db, stages, { progress: recording, log: () => {} });
    expect(again.map((outcome) => outcome.reused)).toEqual([true, true, true]);
    expect(again.map((outcome) => outcome.run.id)).toEqual(first.map((outcome) => outcome.run.id));
    expect(bars).toEqual([]);
  }, 10 * 60_000);

  async function cliChecks(): Promise<void> {
    const env = { ...embeddedDatabaseEnv, ATLAS_DATA_DIR: root };
    const json = await runAtlas(['compare', '--a', ids.a, '--b', ids.b, '--json'], { cwd: repoRoot, env });
    expect(json.stderr).not.toMatch(/atlas: /);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ reused: true, method: 'decoder-cosine', saeA: ids.a, saeB: ids.b });
    const text = await runAtlas(['compare', '--a', ids.b, '--b', ids.b], { cwd: repoRoot, env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/decoder-cosine: .* → .*\n\s+meanBestAB\s+1\.000/);
    const refused = await runAtlas(['compare', '--a', ids.a, '--b', ids.other, '--method', 'aip'], { cwd: repoRoot, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^atlas: AIP matching needs SAEs on the same model and hook.*activation-correlation.*\[BAD_USER_INPUT\]$/m);
    const families = await runAtlas(['compare', '--a', ids.b, '--b', ids.a, '--method', 'families', '--corpus', corpusFile, '--tokens', '256', '--json'], { cwd: repoRoot, env });
    expect(families.code).toBe(0);
    expect(JSON.parse(families.stdout)).toMatchObject({ reused: true, method: 'families', saeA: ids.b, saeB: ids.a });
    const badMethod = await runAtlas(['compare', '--a', ids.a, '--b', ids.b, '--method', 'jaccard'], { cwd: repoRoot, env });
    expect(badMethod.code).toBe(2);
    expect(badMethod.stderr).toMatch(/--method jaccard is not supported; supported: decoder-cosine, aip, activation-correlation/);
  }
});
