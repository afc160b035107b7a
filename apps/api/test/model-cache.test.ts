import { isAtlasError } from '@atlas/errors';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelCache, withoutPaths } from '../src/domains/steering/model-cache.ts';

describe('ModelCache', () => {
  it('answers MODEL_UNAVAILABLE, with @atlas/model’s reason, for a folder whose files do not load', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-empty-model-'));
    const error: unknown = await new ModelCache().get('empty-lm', dir).catch((caught: unknown) => caught);
    expect(isAtlasError(error) && error.code).toBe('MODEL_UNAVAILABLE');
    expect((error as Error).message).toContain('The files of model "empty-lm" do not load: ');
    expect((error as Error).message).not.toContain(dir);
    expect(isAtlasError((error as Error).cause)).toBe(true);
  });

  it('takes this server\'s paths out of the messages', () => {
    expect(withoutPaths('No config.json in /srv/models/lm (looked in /srv/models/lm/onnx and /tmp/x.onnx)', '/srv/models/lm'))
      .toBe('No config.json in <model folder> (looked in <model folder>/onnx and <path>)');
  });

  it('lets an unexpected failure through unchanged (formatError masks and logs it)', async () => {
    const bug = new TypeError('cannot read properties of undefined');
    const cache = new ModelCache(() => Promise.reject(bug));
    await expect(cache.get('demo-lm', os.tmpdir())).rejects.toBe(bug);
  });
});
