import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embedderKey } from '@atlas/embed';
import { writeTinyBert } from '@atlas/embed/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfiguredSearchEngine, loadDefaultSearchEngine } from '../src/index.ts';

describe('loadConfiguredSearchEngine (ATLAS_EMBEDDER_DIR, the setting data selection reads too)', () => {
  const tiny = writeTinyBert();
  const empty = mkdtempSync(join(tmpdir(), 'not-an-export-'));
  afterAll(() => {
    rmSync(tiny.dir, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  it('is the default engine (word vectors + WordNet) when nothing is configured', async () => {
    expect(await loadConfiguredSearchEngine({})).toBe(loadDefaultSearchEngine());
  });

  it('embeds queries with the configured ONNX folder, keeps WordNet expansion, and loads it once', async () => {
    const engine = await loadConfiguredSearchEngine({ ATLAS_EMBEDDER_DIR: tiny.dir });
    expect(engine.embedderId).toBe(embedderKey(engine.embedder.id));
    expect(engine.embedderId).toMatch(new RegExp(`^${tiny.dir.split('/').at(-1)}@1#[0-9a-f]{12}$`));
    expect(engine.embedder.id.dimensions).toBe(8);
    expect(engine.expand('whale')).toEqual(loadDefaultSearchEngine().expand('whale'));
    expect(engine.expand('whale').length).toBeGreaterThan(0);
    expect(await loadConfiguredSearchEngine({ ATLAS_EMBEDDER_DIR: tiny.dir })).toBe(engine);
  });

  it('a configured folder that does not load is MODEL_UNAVAILABLE, not the word vectors', async () => {
    await expect(loadConfiguredSearchEngine({ ATLAS_EMBEDDER_DIR: empty })).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE', message: expect.stringMatching(/ATLAS_EMBEDDER_DIR .* does not load: .*missing onnx\/model\.onnx/),
    });
  });
});
