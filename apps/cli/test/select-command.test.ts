import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getPoolsByIds, listPools, openDatabase } from '@atlas/db';
import { demoModelDir } from '@atlas/demo-model';
import { loadLanguageModel } from '@atlas/model';
import { saveSaeLens } from '@atlas/sae';
import { CONGRESS, MODEL_ID, registerSae, SEA, trainSmallSae } from '@atlas/select/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAtlas } from './support/run-atlas.ts';

const HOOK = 'blocks.1.hook_resid_post';
const SAE_ID = `${MODEL_ID}/${HOOK}/topk-128`;
const SEA_TARGETS = [
  'The harpoon struck the whale and the boat was dragged across the waves.',
  'All hands on deck! The whale is breaching off the starboard bow.',
  'The old sailor told of the ship lost at sea with all her crew.',
];

let dir: string;
const file = (name: string) => path.join(dir, name);
/** The CLI on this test's own data folder (its embedded database lives there). */
const atlas = (...args: string[]) => runAtlas(args, { env: { ...process.env, ATLAS_DATA_DIR: dir, DATABASE_URL: '' }, cwd: dir });
const jsonLines = async (name: string) => (await readFile(file(name), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'atlas-select-'));
  const model = await loadLanguageModel(demoModelDir);
  try {
    const sae = await trainSmallSae(model, HOOK, [...SEA, ...CONGRESS], { width: 128, k: 8, steps: 150 });
    await saveSaeLens(file('sae'), sae);
    const db = await openDatabase({ dataDir: file('pgdata') });
    await registerSae(db, model, SAE_ID, HOOK, sae);
    await db.close();
  } finally {
    model.dispose();
  }
  const pool = [...SEA, ...CONGRESS].map((text, i) => JSON.stringify({ id: `s${i}`, text, kind: i < SEA.length ? 'sea' : 'congress' }));
  await writeFile(file('pool.jsonl'), `${pool.join('\n')}\n`);
  await writeFile(file('targets.txt'), `${SEA_TARGETS.join('\n')}\n`);
  await writeFile(file('broken.jsonl'), `${pool[0]}\nnot json\n${pool[1]}\n`);
}, 600_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('atlas select', () => {
  it('mona: imports the pool file, writes the selection as JSONL with each sample\'s driving features', async () => {
    const run = await atlas('select', '--sae', SAE_ID, '--sae-dir', file('sae'), '--pool', file('pool.jsonl'), '--target', file('targets.txt'),
      '--count', '4', '--method', 'mona', '--out', file('mona.jsonl'));
    expect(run.stderr).toMatch(/Imported pool pool-[0-9a-f]{8}: 16 samples/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Selected 4 of 16 samples/);
    const lines = await jsonLines('mona.jsonl');
    expect(lines.map((line) => line.rank)).toEqual([1, 2, 3, 4]);
    expect(lines.filter((line) => (line.metadata as { kind: string }).kind === 'sea').length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      expect(line.id).toMatch(/^s\d+$/);
      expect((line.features as { index: number; contribution: number }[]).length).toBeGreaterThan(0);
    }
  }, 600_000);

  it('bm25 on the same file reuses its pool; a ratio keeps that share', async () => {
    const run = await atlas('select', '--pool', file('pool.jsonl'), '--target', file('targets.txt'), '--ratio', '0.25', '--method', 'bm25', '--out', file('bm25.jsonl'));
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/is already imported/);
    expect(await jsonLines('bm25.jsonl')).toHaveLength(4);
  }, 600_000);

  it('embedding: the offline word vectors score the pool by default, and the output names the embedder', async () => {
    const run = await atlas('select', '--pool', file('pool.jsonl'), '--target', file('targets.txt'), '--count', '4', '--method', 'embedding', '--out', file('embedding.jsonl'));
    expect(run.stderr).not.toMatch(/atlas:/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Selected 4 of 16 samples of pool pool-[0-9a-f]{8} \(embedding by atlas-word-vectors@1#[0-9a-f]{12}, selection \d+\)/);
    const lines = await jsonLines('embedding.jsonl');
    expect(lines.map((line) => line.rank)).toEqual([1, 2, 3, 4]);
    expect(lines.filter((line) => (line.metadata as { kind: string }).kind === 'sea').length).toBeGreaterThanOrEqual(3);
    for (const line of lines) expect(line.score).toBeGreaterThan(0);
  }, 600_000);

  it('embedding with ATLAS_EMBEDDER_DIR naming a folder that is not an export: MODEL_UNAVAILABLE with the fix, nothing written', async () => {
    const run = await runAtlas(
      ['select', '--pool', file('pool.jsonl'), '--target', file('targets.txt'), '--method', 'embedding', '--out', file('no-embedder.jsonl')],
      { env: { ...process.env, ATLAS_DATA_DIR: dir, DATABASE_URL: '', ATLAS_EMBEDDER_DIR: file('no-such-model') }, cwd: dir },
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/ATLAS_EMBEDDER_DIR \(.*no-such-model\) does not load: .*unset ATLAS_EMBEDDER_DIR to use the offline word vectors.*\[MODEL_UNAVAILABLE\]/);
    await expect(readFile(file('no-embedder.jsonl'))).rejects.toThrow(/ENOENT/);
  }, 600_000);

  it('refuses bad input with the code and the fix, writing nothing', async () => {
    const common = ['--pool', file('pool.jsonl'), '--target', file('targets.txt'), '--out', file('bad.jsonl')];
    const unknownSae = await atlas('select', '--sae', 'no/such/sae', ...common);
    expect(unknownSae.code).toBe(2);
    expect(unknownSae.stderr).toMatch(/^atlas: No SAE "no\/such\/sae" in the atlas.*\[NOT_FOUND\]$/m);
    const ratio = await atlas('select', '--method', 'random', '--ratio', '1.5', ...common);
    expect(ratio.stderr).toMatch(/ratio must be in \(0, 1\].*\[BAD_USER_INPUT\]/);
    const count = await atlas('select', '--method', 'random', '--count', '17', ...common);
    expect(count.stderr).toMatch(/count 17 is larger than the pool \(16 samples\).*\[BAD_USER_INPUT\]/);
    const noSae = await atlas('select', '--method', 'mona', ...common);
    expect(noSae.stderr).toMatch(/--method mona reads an SAE; give --sae ID/);
    const pool = await atlas('select', '--method', 'random', '--pool', 'no-such-pool', '--target', file('targets.txt'), '--out', file('bad.jsonl'));
    expect(pool.stderr).toMatch(/No pool "no-such-pool".*\[NOT_FOUND\]/);
    await writeFile(file('empty.txt'), '\n\n');
    const empty = await atlas('select', '--method', 'random', '--pool', file('pool.jsonl'), '--target', file('empty.txt'), '--out', file('bad.jsonl'));
    expect(empty.stderr).toMatch(/The target set is empty/);
    await expect(readFile(file('bad.jsonl'))).rejects.toThrow(/ENOENT/);
  }, 600_000);
});

describe('atlas import-pool', () => {
  it('reports malformed lines by number and imports nothing; --skip-malformed imports the rest', async () => {
    const refused = await atlas('import-pool', '--file', file('broken.jsonl'), '--id', 'broken');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/1 malformed line in the JSONL upload: line 2 is not valid JSON.*\[BAD_USER_INPUT\]/);
    const db = await openDatabase({ dataDir: file('pgdata') });
    try {
      expect(await getPoolsByIds(db, ['broken'])).toEqual([]);
    } finally {
      await db.close();
    }
    const imported = await atlas('import-pool', '--file', file('broken.jsonl'), '--id', 'broken', '--skip-malformed');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/Imported pool broken: 2 samples \(text\), 1 malformed lines skipped/);
    expect(imported.stderr).toMatch(/skipped line 2:/);
    const again = await atlas('import-pool', '--file', file('broken.jsonl'), '--id', 'broken', '--skip-malformed');
    expect(again.stderr).toMatch(/A pool with id "broken" exists already.*\[CONFLICT\]/);
    const check = await openDatabase({ dataDir: file('pgdata') });
    try {
      expect((await listPools(check)).map((pool) => pool.id)).toContain('broken');
    } finally {
      await check.close();
    }
  }, 600_000);
});
