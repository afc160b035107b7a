import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configuredEmbedderDir, embedderKey, loadConfiguredEmbedder, loadWordVectorEmbedder } from '../src/index.ts';
import { writeTinyBert } from './support/tiny-bert.ts';

describe('loadConfiguredEmbedder (ATLAS_EMBEDDER_DIR)', () => {
  const tiny = writeTinyBert();
  const empty = mkdtempSync(join(tmpdir(), 'not-an-export-'));
  afterAll(() => {
    rmSync(tiny.dir, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  it('is the offline word vectors when the variable is unset or blank', async () => {
    expect(configuredEmbedderDir({})).toBeUndefined();
    expect(configuredEmbedderDir({ ATLAS_EMBEDDER_DIR: '  ' })).toBeUndefined();
    const embedder = await loadConfiguredEmbedder({ env: {} });
    expect(embedderKey(embedder.id)).toBe(embedderKey(loadWordVectorEmbedder().id));
  });

  it('is the ONNX sentence-embedding folder the variable names (resolved to an absolute path)', async () => {
    expect(configuredEmbedderDir({ ATLAS_EMBEDDER_DIR: 'models/x' })).toBe(resolve('models/x'));
    const embedder = await loadConfiguredEmbedder({ env: { ATLAS_EMBEDDER_DIR: tiny.dir } });
    try {
      expect(embedder.id).toMatchObject({ name: tiny.dir.split('/').at(-1), dimensions: 8 });
      const [vector] = await embedder.embed(['the whale']);
      expect(Math.hypot(...vector!)).toBeCloseTo(1, 5);
    } finally {
      await embedder.close();
    }
  });

  it('refuses a configured folder that is not an export instead of falling back to the word vectors', async () => {
    writeFileSync(join(empty, 'config.json'), '{}');
    await expect(loadConfiguredEmbedder({ env: { ATLAS_EMBEDDER_DIR: empty } })).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE',
      message: expect.stringMatching(/^The sentence embedder in ATLAS_EMBEDDER_DIR \(.*not-an-export-.*\) does not load: .* missing onnx\/model\.onnx .*unset ATLAS_EMBEDDER_DIR to use the offline word vectors\.$/),
    });
  });
});
