import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFeatureSearchEvidence } from '@atlas/db';
import { runAtlas } from '@atlas/cli/testing';
import { buildTinyAtlas } from '../support/tiny-atlas.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** `atlas search` and `atlas features-for-text` from the real binary, over a tiny atlas built on disk. */
describe('the search commands of the atlas CLI', () => {
  let dir: string;
  let saeId: string;
  let word: string;
  let featureId: string;
  let workDir: string;
  const atlas = (...args: string[]) => runAtlas(args, { cwd: repoRoot, env: { ...process.env, ATLAS_DATA_DIR: dir, DATABASE_URL: '' } });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-search-cli-'));
    const tiny = await buildTinyAtlas({ dataDir: path.join(dir, 'pgdata') });
    saeId = tiny.result.saeId;
    const evidence = await getFeatureSearchEvidence(tiny.db, { saeId, afterIndex: null, limit: 100 });
    const feature = evidence.find((f) => f.contexts.length > 0 && /^\s?[A-Za-z]{4,}$/.test(f.contexts[0]!.tokens[f.contexts[0]!.maxPosition]!))!;
    word = feature.contexts[0]!.tokens[feature.contexts[0]!.maxPosition]!.trim();
    featureId = `${saeId}/${feature.index}`;
    await tiny.db.close();
    workDir = tiny.workDir; // holds the SAE folder features-for-text loads
  }, 600_000);
  afterAll(() => {
    for (const folder of [dir, workDir]) rmSync(folder, { recursive: true, force: true });
  });

  it('finds a feature by the word it fires on, as JSON and as a table', async () => {
    const json = await atlas('search', word, '--mode', 'full-text', '--first', '100', '--sae', saeId, '--json');
    expect(json.code, json.stderr).toBe(0);
    const page = JSON.parse(json.stdout) as { mode: string; results: { id: string; score: number; match: { text: string } | null }[] };
    expect(page.mode).toBe('FULL_TEXT');
    expect(page.results.map((r) => r.id)).toContain(featureId);
    const table = await atlas('search', '--query', word);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^ {2}1\. \S+\/\d+ {2}score /m);
    expect(table.stdout).toContain(`[${word}`.slice(0, 3));
  });

  it('refuses bad input in one line with its code', async () => {
    for (const [args, message] of [
      [['search', '   '], /empty/],
      [['search', 'sea', '--query', 'ship'], /Give query once/],
      [['search', 'sea', '--mode', 'fuzzy'], /--mode fuzzy is not supported/],
      [['search', 'sea', '--sae', 'no/such/sae'], /no\/such\/sae/],
      [['features-for-text', '--sae', saeId, '--text', ''], /empty/],
    ] as const) {
      const run = await atlas(...args);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr.trim()).toMatch(new RegExp(`^atlas: .*${message.source}.*\\[BAD_USER_INPUT\\]$`));
    }
    const unknown = await atlas('features-for-text', '--sae', 'no/such/sae', '--text', 'sea');
    expect(unknown.stderr.trim()).toMatch(/^atlas: No SAE "no\/such\/sae".*\[NOT_FOUND\]$/);
  });

  it('runs an SAE on a text: tokens with their features and the features of the whole text', async () => {
    const json = await atlas('features-for-text', '--sae', saeId, '--text', 'Call me Ishmael. The ship sailed across the sea.', '--top-k', '3', '--json');
    expect(json.code, json.stderr).toBe(0);
    const answer = JSON.parse(json.stdout) as { tokens: { token: string; features: { id: string }[] }[]; features: { id: string }[]; windows: { count: number } };
    expect(answer.tokens.length).toBeGreaterThan(5);
    expect(answer.tokens.every((t) => t.features.length <= 3)).toBe(true);
    expect(answer.features.length).toBeGreaterThan(0);
    expect(answer.features[0]!.id.startsWith(`${saeId}/`)).toBe(true);
    expect(answer.windows.count).toBe(1);
    const text = await atlas('features-for-text', '--sae', saeId, '--text', 'The whale swam past the ship.');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Most active over the text');
    expect(text.stdout).toMatch(/" whale"/);
  });
});
