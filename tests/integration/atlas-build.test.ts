import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { countFeatures, listSaes, openDatabase, type AtlasDb } from '@atlas/db';
import { loadSae, saveSaeLens } from '@atlas/sae';
import { writeSafetensors } from '@atlas/safetensors';
import { createTestDatabase, dumpSae } from '@atlas/db/testing';
import { runAtlas, type AtlasRun } from '@atlas/cli/testing';
import { TINY_CORPUS } from '../support/tiny-atlas.ts';

// `atlas build` on an SAE folder made by `atlas train`, then `atlas export` / `atlas import`
// into a second database: real CLI processes, real PGlite folders, real ONNX models.
const repoRoot = path.resolve(import.meta.dirname, '../..');
const demoModel = path.join(repoRoot, 'packages/demo-model');
const HOOK = 'blocks.1.hook_resid_post';
const SAE_ID = `demo-lm/${HOOK}/topk-64`;

/** The embedded PGlite database in each test's own folder, whatever the shell points at. */
const { DATABASE_URL: _postgres, ...embeddedDatabaseEnv } = process.env;

/** The run's real Postgres with pgvector (see packages/db/test/support/global-postgres.ts), if any. */
const postgresUrl = inject('postgresUrl');

async function atlas(dataDir: string, ...args: string[]): Promise<AtlasRun> {
  return atlasWithEnv({ ...embeddedDatabaseEnv, ATLAS_DATA_DIR: dataDir }, args);
}

function atlasWithEnv(env: NodeJS.ProcessEnv, args: string[]): Promise<AtlasRun> {
  return runAtlas(args, { cwd: repoRoot, env });
}

async function withDb<T>(dataDir: string, fn: (db: AtlasDb) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir: path.join(dataDir, 'pgdata') });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

describe('atlas build / export / import', () => {
  let dir: string;
  let corpus: string;
  let saeDir: string;
  let data: string;
  const buildArgs = () => ['build', '--model', demoModel, '--sae', saeDir, '--hook', HOOK, '--corpus', corpus,
    '--tokens', '256', '--seq-len', '32', '--top-k', '5'];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-build-'));
    corpus = path.join(dir, 'corpus.txt');
    writeFileSync(corpus, TINY_CORPUS);
    data = path.join(dir, 'data');
    const activations = path.join(dir, 'acts.safetensors');
    saeDir = path.join(dir, 'sae');
    const extract = await atlas(data, 'extract', '--model', demoModel, '--hook', HOOK, '--corpus', corpus,
      '--tokens', '256', '--seq-len', '32', '--out', activations);
    expect(extract.code, extract.stderr).toBe(0);
    const train = await atlas(data, 'train', '--activations', activations, '--architecture', 'topk', '--width', '64',
      '--k', '4', '--epochs', '10', '--batch-size', '64', '--out', saeDir);
    expect(train.code, train.stderr).toBe(0);
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds a trained SAELens folder into the atlas, then skips the same build', async () => {
    const first = await atlas(data, ...buildArgs());
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`Built ${SAE_ID}`);
    const before = await withDb(data, async (db) => {
      const [sae] = await listSaes(db);
      expect(sae).toMatchObject({ id: SAE_ID, architecture: 'topk', dIn: 256, width: 64, k: 4, statisticsTokens: 256 });
      expect(sae?.metrics?.l0).toBeLessThanOrEqual(4);
      expect((await countFeatures(db, [SAE_ID])).get(SAE_ID)).toBe(64);
      return dumpSae(db, SAE_ID);
    });
    expect(before.activations!.length).toBeGreaterThan(0);

    const second = await atlas(data, ...buildArgs());
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(`${SAE_ID} is up to date.`);
    expect(await withDb(data, (db) => dumpSae(db, SAE_ID))).toEqual(before);
  }, 240_000);

  it.skipIf(!postgresUrl)('builds the same atlas into a real Postgres (DATABASE_URL, COPY loads) with identical rows', async () => {
    const database = await createTestDatabase(postgresUrl!);
    try {
      const env = { ...embeddedDatabaseEnv, ATLAS_DATA_DIR: path.join(dir, 'data-postgres'), DATABASE_URL: database.url };
      const built = await atlasWithEnv(env, buildArgs());
      expect(built.code, built.stderr).toBe(0);
      expect(built.stdout).toContain(`Built ${SAE_ID}`);
      const onPostgres = await openDatabase({ url: database.url });
      try {
        expect(onPostgres.kind).toBe('postgres');
        const copy = await dumpSae(onPostgres, SAE_ID);
        const original = await withDb(data, (db) => dumpSae(db, SAE_ID));
        for (const [table, rows] of Object.entries(original)) expect(copy[table], table).toEqual(rows);
      } finally {
        await onPostgres.close();
      }
      expect((await atlasWithEnv(env, buildArgs())).stdout).toContain(`${SAE_ID} is up to date.`);
    } finally {
      await database.drop();
    }
  }, 240_000);

  it('exports a bundle and imports it into another database with identical rows', async () => {
    const bundle = path.join(dir, 'bundle');
    const exported = await atlas(data, 'export', '--sae', SAE_ID, '--out', bundle);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/Exported .* \(contexts \d+, features 64,/);
    const elsewhere = path.join(dir, 'data-2');
    const imported = await atlas(elsewhere, 'import', '--bundle', bundle);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`Imported ${SAE_ID}`);
    const again = await atlas(elsewhere, 'import', '--bundle', bundle);
    expect(again.stdout).toContain('already in the atlas with the same checksum');
    const original = await withDb(data, (db) => dumpSae(db, SAE_ID));
    const copy = await withDb(elsewhere, (db) => dumpSae(db, SAE_ID));
    for (const [table, rows] of Object.entries(original)) expect(copy[table], table).toEqual(rows);
  }, 240_000);

  it('builds the same SAE saved as a sparsify folder into the same features, warning about its hook name', async () => {
    const sae = await loadSae(saeDir);
    const { dIn, width, k } = sae.cfg;
    const sparsifyDir = path.join(dir, 'sparsify', 'layers.1'); // sparsify names a folder after its hookpoint
    mkdirSync(sparsifyDir, { recursive: true });
    writeFileSync(path.join(sparsifyDir, 'cfg.json'), JSON.stringify({ expansion_factor: width / dIn, normalize_decoder: true, num_latents: width, k, d_in: dIn }));
    const encoder = new Float32Array(width * dIn);
    for (let j = 0; j < width; j++) for (let d = 0; d < dIn; d++) encoder[j * dIn + d] = sae.W_enc[d * width + j]!;
    await writeSafetensors(path.join(sparsifyDir, 'sae.safetensors'), {
      'encoder.weight': { dtype: 'F32', shape: [width, dIn], data: encoder },
      'encoder.bias': { dtype: 'F32', shape: [width], data: sae.b_enc },
      W_dec: { dtype: 'F32', shape: [width, dIn], data: sae.W_dec },
      b_dec: { dtype: 'F32', shape: [dIn], data: sae.b_dec },
    });
    const sparsifyId = `demo-lm/${HOOK}/sparsify-topk-64`;
    const args = buildArgs().map((arg) => (arg === saeDir ? sparsifyDir : arg));
    const built = await atlas(data, ...args, '--id', sparsifyId);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toContain(`was trained on hook "layers.1"; building it on --hook ${HOOK}`);
    const [saelens, sparsify] = await withDb(data, async (db) => [await dumpSae(db, SAE_ID), await dumpSae(db, sparsifyId)]);
    for (const table of ['features', 'examples', 'activations', 'histograms']) {
      expect(sparsify![table], table).toEqual(saelens![table]);
    }
  }, 240_000);

  it('refuses a second build of the same SAE while one runs, and the next run finds it done', async () => {
    const concurrent = path.join(dir, 'data-concurrent');
    const args = [...buildArgs(), '--id', 'demo-lm/concurrent/topk-64'];
    const runs = await Promise.all([atlas(concurrent, ...args), atlas(concurrent, ...args)]);
    const built = runs.filter((run) => run.code === 0);
    const refused = runs.filter((run) => run.code !== 0);
    expect(built).toHaveLength(1);
    expect(built[0]!.stdout).toContain('Built demo-lm/concurrent/topk-64');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.code).toBe(2);
    expect(refused[0]!.stderr).toMatch(/open in another process|Another build of demo-lm\/concurrent\/topk-64 is running/);
    const after = await atlas(concurrent, ...args);
    expect(after.stdout).toContain('demo-lm/concurrent/topk-64 is up to date.');
  }, 240_000);

  it('explains bad input: missing folders and corpus, a width mismatch, bad numbers and ids', async () => {
    const saeIds = () => withDb(data, async (db) => (await listSaes(db)).map((sae) => sae.id));
    const before = await saeIds();
    const missingSae = await atlas(data, 'build', '--model', demoModel, '--sae', path.join(dir, 'nope'), '--hook', HOOK,
      '--corpus', corpus, '--tokens', '64');
    expect(missingSae.stderr).toMatch(/SAE folder not found: .*nope/);
    const missingCorpus = await atlas(data, 'build', '--model', demoModel, '--sae', saeDir, '--hook', HOOK,
      '--corpus', path.join(dir, 'missing.txt'), '--tokens', '64');
    expect(missingCorpus.stderr).toMatch(/Corpus not found: .*missing\.txt.*built-in corpus \(sotu, moby-dick/);
    const zeroTokens = await atlas(data, ...buildArgs().slice(0, -6), '--tokens', '0');
    expect(zeroTokens.stderr).toMatch(/--tokens must be at least 1/);
    const badId = await atlas(data, ...buildArgs(), '--id', 'my sae!');
    expect(badId.stderr).toMatch(/--id "my sae!" is not a valid SAE id/);
    const noCoactivationMemory = await atlas(data, ...buildArgs(), '--coactivation-memory', '0');
    expect(noCoactivationMemory.stderr).toMatch(/--coactivation-memory must be at least 1/);

    const narrow = path.join(dir, 'narrow-sae');
    const dIn = 32;
    const width = 8;
    await saveSaeLens(narrow, {
      cfg: { architecture: 'topk', dIn, width, k: 2, hookName: HOOK, modelId: 'demo-lm', dtype: 'float32', normalizeActivations: 'none' },
      W_enc: new Float32Array(dIn * width).fill(0.1), b_enc: new Float32Array(width),
      W_dec: new Float32Array(width * dIn).fill(0.1), b_dec: new Float32Array(dIn),
    });
    const mismatch = await atlas(data, 'build', '--model', demoModel, '--sae', narrow, '--hook', HOOK, '--corpus', corpus, '--tokens', '64');
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toMatch(new RegExp(`has d_in 32, but hook ${HOOK.replaceAll('.', '\\.')} has width 256`));
    for (const run of [missingSae, missingCorpus, zeroTokens, badId, noCoactivationMemory]) expect(run.code).toBe(2);
    // Nothing half-written: the refused builds added no SAE.
    expect(await saeIds()).toEqual(before);
  }, 240_000);
});
