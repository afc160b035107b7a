import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoModelDir } from '@atlas/demo-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAtlas } from './support/run-atlas.ts';

/** What a user sees: exit status 2 and exactly one line on stderr, `atlas: <message> [<CODE>]`. */
async function expectOneLine(args: string[], message: RegExp, code = 'BAD_USER_INPUT'): Promise<void> {
  const run = await runAtlas(args);
  const lines = run.stderr.split('\n').filter((line) => line.length > 0);
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^atlas: .*${message.source}.* \\[${code}\\]$`));
  expect(run.code).toBe(2);
}

describe('a user error raised anywhere, from the real atlas binary', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atlas-errors-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('an unknown corpus (@atlas/corpus)', async () => {
    await expectOneLine(['extract', '--model', demoModelDir, '--hook', 'blocks.0.hook_resid_post', '--corpus', 'no-such-corpus',
      '--tokens', '64', '--out', path.join(dir, 'x.safetensors')], /Unknown corpus "no-such-corpus"\. Built-in corpora: sotu, moby-dick/);
  });

  it('a model folder without its ONNX file (@atlas/model)', async () => {
    const model = path.join(dir, 'half-a-model');
    await mkdir(model);
    await writeFile(path.join(model, 'config.json'), '{}');
    await expectOneLine(['hooks', '--model', model], /Model folder .*half-a-model is missing .*onnx/);
  });

  it('a folder that is no SAE (@atlas/sae)', async () => {
    await expectOneLine(['eval', '--sae', dir, '--activations', path.join(dir, 'a.npy')], /SAE folder .* has no cfg\.json \(expected cfg\.json and sae_weights/);
  });

  it('a missing activation file (the CLI, before any work)', async () => {
    await expectOneLine(['train', '--activations', path.join(dir, 'nope.npy'), '--architecture', 'relu', '--width', '8', '--out', dir],
      /Activation file not found: .*nope\.npy\. Make one with `atlas extract/);
  });

  it('bad flags, every problem on the one line', async () => {
    await expectOneLine(['train', '--activations', 'a.npy', '--architecture', 'topk', '--width', '0', '--k', 'many', '--out', dir],
      /Invalid options: --width must be at least 1; --k must be a number/);
  });

  it("commander's own usage errors", async () => {
    await expectOneLine(['train', '--wdth', '8'], /unknown option '--wdth'.*See `atlas train --help`\./);
    await expectOneLine(['hooks', '--model'], /option '--model <dir>' argument missing/);
    await expectOneLine(['extrct'], /unknown command 'extrct' \(Did you mean extract\?\)/);
  });
});
