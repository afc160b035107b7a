import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BundleError, exportSaeBundle, findComparison, getComparisonMatches, importSaeBundle, ingestSaeAtlas, listComparisons, listModels, listSaes,
  saveComparison, upsertModel, type AtlasDb, type NewComparison,
} from '../src/index.ts';
import { drivers } from './drivers.ts';
import { atlasInput, MODEL, SAE_ID } from './fixtures.ts';
import { dumpSae } from './support/sae-dump.ts';

/** The fixture with every optional table filled, so the round trip covers them all. */
function fullAtlas(saeId = SAE_ID, checksum = 'sha256:bundle') {
  return atlasInput({
    checksum,
    quantileBins: [{ featureIndex: 0, bin: 0, lower: 0.25, upper: 0.5, count: 7 }],
    neighbours: [
      { featureIndex: 0, method: 'decoder_cosine', rank: 0, neighbourIndex: 1, score: 0.99 },
      { featureIndex: 1, method: 'decoder_cosine', rank: 0, neighbourIndex: 0, score: 0.99 },
    ],
    logitEffects: [
      { featureIndex: 0, direction: 'positive', rank: 0, tokenId: 5, token: ' whale\t"x"\\', value: 1.25 },
      { featureIndex: 0, direction: 'negative', rank: 0, tokenId: 6, token: '\u0000', value: -0.5 },
    ],
    headAttributions: [{ featureIndex: 2, head: 0, share: 0.75 }, { featureIndex: 2, head: 1, share: 0.25 }],
    labels: [
      { featureIndex: 0, text: 'whaling\tvoyages', source: 'machine', method: 'top-tokens v1' },
      { featureIndex: 3, text: 'sentence ends', source: 'llm', method: 'explain v2', authorModel: 'demo-llm' },
    ],
  }, saeId);
}

const OTHER_SAE = 'demo-lm/blocks.2.hook_resid_post/other-6';

describe.each(drivers)('SAE bundles (%s)', (_name, open) => {
  let source: AtlasDb;
  /** Stays empty: the refused imports must write nothing to it. */
  let empty: AtlasDb;
  let root: string;
  let bundle: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'atlas-bundle-'));
    source = await open();
    empty = await open();
    await upsertModel(source, MODEL);
    await ingestSaeAtlas(source, fullAtlas());
    bundle = path.join(root, 'bundle');
    await exportSaeBundle(source, SAE_ID, bundle);
  });
  afterAll(async () => {
    await source?.close();
    await empty?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('writes a manifest with checksums and row counts, and one gzipped JSONL file per table', async () => {
    const manifest = JSON.parse(await readFile(path.join(bundle, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'feature-atlas-sae-bundle', formatVersion: 1, checksum: 'sha256:bundle' });
    expect(manifest.sae).toMatchObject({ id: SAE_ID, dIn: 8, width: 6 });
    expect(Object.fromEntries(Object.entries(manifest.files).map(([t, f]) => [t, (f as { rows: number }).rows]))).toEqual({
      contexts: 3, features: 6, examples: 4, activations: 5, histogram_bins: 4, quantile_bins: 1, neighbours: 2,
      logit_effects: 2, head_attributions: 2, labels: 2, map_clusters: 0, comparisons: 0,
    });
    const lines = gunzipSync(await readFile(path.join(bundle, 'features.jsonl.gz'))).toString('utf8').trim().split('\n');
    expect(JSON.parse(lines[1]!)).toMatchObject({ index: 1, decoder: [0.9, 0.1, 0, 0, 0, 0, 0, 0].map((v) => expect.closeTo(v, 3)) });
    expect((await readdir(root)).sort()).toEqual(['bundle']); // no partial folder left behind
  });

  it('imports into a fresh database with identical query results, and a second import is a no-op', async () => {
    const target = await open();
    try {
      const first = await importSaeBundle(target, bundle);
      expect(first).toMatchObject({ skipped: false, saeId: SAE_ID });
      expect(await dumpSae(target, SAE_ID)).toEqual(await dumpSae(source, SAE_ID));
      expect(await importSaeBundle(target, bundle)).toMatchObject({ skipped: true });
      expect(await dumpSae(target, SAE_ID)).toEqual(await dumpSae(source, SAE_ID));
    } finally {
      await target.close();
    }
  });

  it('shares contexts already stored by another SAE of the model', async () => {
    const target = await open();
    try {
      await upsertModel(target, MODEL);
      await ingestSaeAtlas(target, atlasInput({ checksum: 'other' }, 'demo-lm/blocks.2.hook_resid_post/other-6'));
      const result = await importSaeBundle(target, bundle);
      expect(result.rows).toMatchObject({ contexts: 0, contextsReused: 3 });
    } finally {
      await target.close();
    }
  });

  /** A database holding the fixture SAE, another SAE of the model, and one comparison of the two. */
  async function atlasWithComparison(comparison: Pick<NewComparison, 'method' | 'params' | 'figures' | 'matches'>): Promise<AtlasDb> {
    const db = await open();
    await upsertModel(db, MODEL);
    await ingestSaeAtlas(db, fullAtlas());
    await ingestSaeAtlas(db, atlasInput({ checksum: 'sha256:other' }, OTHER_SAE));
    await saveComparison(db, { jobId: 'run-1', saeA: SAE_ID, saeB: OTHER_SAE, approximate: false, ...comparison });
    return db;
  }

  it('carries comparisons: restored once both SAEs are in (at the compared builds), skipped with the reason before, idempotent', async () => {
    const other = OTHER_SAE;
    const withRun = await atlasWithComparison({
      method: 'families', params: { minCosine: 0.5 }, figures: [{ name: 'meanChildren', value: 1.5 }],
      matches: [
        { featureA: 0, featureB: 1, score: 0.9, mutual: true, assigned: true, containment: 0.75, coFiring: 12 },
        { featureA: 0, featureB: 2, score: 0.6, mutual: false, assigned: false, containment: 0.5, coFiring: 3 },
        { featureA: 4, featureB: 4, score: 0.55, mutual: true, assigned: true, containment: 1, coFiring: 1 },
      ],
    });
    const target = await open();
    try {
      const [bundleA, bundleB] = [path.join(root, 'with-run-a'), path.join(root, 'with-run-b')];
      await exportSaeBundle(withRun, SAE_ID, bundleA);
      await exportSaeBundle(withRun, other, bundleB);
      expect(JSON.parse(await readFile(path.join(bundleB, 'manifest.json'), 'utf8')).files.comparisons.rows).toBe(1);

      const first = await importSaeBundle(target, bundleA);
      expect(first.comparisons).toEqual({ restored: 0, skipped: [{ saeA: SAE_ID, saeB: other, method: 'families', reason: expect.stringMatching(/other-6 is not in this atlas; import its bundle/) }] });
      expect((await importSaeBundle(target, bundleB)).comparisons).toEqual({ restored: 1, skipped: [] });
      expect((await importSaeBundle(target, bundleA)).comparisons).toEqual({ restored: 1, skipped: [] });
      const edges = async (db: AtlasDb) => {
        const run = await findComparison(db, { saeA: SAE_ID, saeB: other, method: 'families' });
        const { rows } = await getComparisonMatches(db, run!.id, { limit: 100, offset: 0 });
        return { run: { params: run!.params, figures: run!.figures, matchCount: run!.matchCount }, edges: rows.map(({ indexA, indexB, score, mutual, assigned, containment, coFiring }) => ({ indexA, indexB, score, mutual, assigned, containment, coFiring })) };
      };
      expect(await edges(target)).toEqual(await edges(withRun));
      expect(await listComparisons(target, { limit: 10 })).toHaveLength(1);
    } finally {
      await withRun.close();
      await target.close();
    }
  });

  it('skips a comparison whose other SAE is here as another build', async () => {
    const other = OTHER_SAE;
    const withRun = await atlasWithComparison({
      method: 'decoder-cosine', params: {}, figures: [], matches: [{ featureA: 0, featureB: 0, score: 0.9, mutual: true, assigned: true }],
    });
    const target = await open();
    try {
      const bundleA = path.join(root, 'rebuilt-a');
      await exportSaeBundle(withRun, SAE_ID, bundleA);
      await upsertModel(target, MODEL);
      await ingestSaeAtlas(target, atlasInput({ checksum: 'sha256:rebuilt' }, other));
      const result = await importSaeBundle(target, bundleA);
      expect(result.comparisons.skipped[0]?.reason).toMatch(/other-6 here is another build .*rerun the comparison with `atlas compare`/);
      expect(await listComparisons(target, { limit: 10 })).toEqual([]);
    } finally {
      await withRun.close();
      await target.close();
    }
  });

  it.each([
    ['a corrupt file', 'activations.jsonl.gz', async (file: string) => {
      const bytes = await readFile(file);
      bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0xff;
      await writeFile(file, bytes);
    }, /activations\.jsonl\.gz is corrupt or truncated/],
    ['a truncated file', 'features.jsonl.gz', (file: string) => truncate(file, 20), /features\.jsonl\.gz is corrupt or truncated/],
    ['a missing file', 'contexts.jsonl.gz', (file: string) => rm(file), /Bundle file missing: .*contexts\.jsonl\.gz/],
    ['a missing manifest', 'manifest.json', (file: string) => rm(file), /No manifest\.json in .*not a bundle/],
  ])('refuses %s, naming it, and writes nothing', async (_what, name, damage, message) => {
    const copy = path.join(root, `damaged-${name}`);
    await exportSaeBundle(source, SAE_ID, copy);
    await damage(path.join(copy, name));
    const attempt = importSaeBundle(empty, copy);
    await expect(attempt).rejects.toThrow(BundleError);
    await expect(attempt).rejects.toThrow(message);
    expect(await listModels(empty)).toEqual([]);
    expect(await listSaes(empty)).toEqual([]);
  });

  it('refuses to overwrite a folder and names an unknown SAE', async () => {
    await expect(exportSaeBundle(source, SAE_ID, bundle)).rejects.toThrow(/already exists; pass a new --out/);
    const missing = path.join(root, 'missing');
    await expect(exportSaeBundle(source, 'no/such/sae', missing)).rejects.toThrow(/No complete SAE "no\/such\/sae"/);
    expect(existsSync(missing)).toBe(false);
  });
});
