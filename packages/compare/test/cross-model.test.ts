import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '@atlas/corpus';
import { demoModelBDir, demoModelDir } from '@atlas/demo-model';
import { loadLanguageModel, type LanguageModel } from '@atlas/model';
import type { SaeWeights } from '@atlas/sae';
import { collectAlignedCodes, compareDecoders, compareTokenizers, correlateActivations, dictionaryOf, figure } from '../src/index.ts';
import { demoActivations, HOOK, trainTestSae } from './support/demo-activations.ts';

const SLOW = 900_000;
let modelA: LanguageModel;
let modelB: LanguageModel;
let saeA: SaeWeights;
let saeB: SaeWeights;
let otherTokenizerDir: string;

beforeAll(async () => {
  [modelA, modelB] = [await loadLanguageModel(demoModelDir), await loadLanguageModel(demoModelBDir)];
  const a = await demoActivations(16384, modelA);
  const b = await demoActivations(16384, modelB);
  saeA = await trainTestSae(a.activations, a.rows, a.dIn, 512, 1);
  saeB = { ...(await trainTestSae(b.activations, b.rows, b.dIn, 512, 1)) };
  saeB.cfg = { ...saeB.cfg, modelId: 'demo-lm-b' };
  // The demo LM with a tokenizer whose ids for two tokens are swapped: same text, other tokens.
  otherTokenizerDir = await mkdtemp(path.join(os.tmpdir(), 'atlas-compare-tokenizer-'));
  for (const name of ['config.json', 'tokenizer_config.json']) await cp(path.join(demoModelDir, name), path.join(otherTokenizerDir, name));
  await symlink(path.join(demoModelDir, 'onnx'), path.join(otherTokenizerDir, 'onnx'));
  const tokenizer = JSON.parse(await readFile(path.join(demoModelDir, 'tokenizer.json'), 'utf8'));
  const vocab = tokenizer.model.vocab as Record<string, number>;
  const [x, y] = Object.keys(vocab).slice(300, 302) as [string, string];
  [vocab[x], vocab[y]] = [vocab[y]!, vocab[x]!];
  await writeFile(path.join(otherTokenizerDir, 'tokenizer.json'), JSON.stringify(tokenizer));
}, SLOW);

afterAll(() => rm(otherTokenizerDir, { recursive: true, force: true }));

describe('two demo LMs (different size and seed, one tokenizer)', () => {
  it('share a tokenizer; decoder cosine between their SAEs is refused with the way out', async () => {
    expect(await compareTokenizers(demoModelDir, demoModelBDir)).toEqual({ same: true });
    await expect(compareDecoders(dictionaryOf(saeA), dictionaryOf(saeB))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/d_in 256.*d_in 192.*activation correlation/s),
    });
  });

  it('pair features by activation correlation over the same tokens, SVCCA and RSA far above the shuffle null', { timeout: SLOW }, async () => {
    const corpus = await loadCorpus('demo-heldout');
    const events: number[] = [];
    const { codesA, codesB } = await collectAlignedCodes(
      { model: modelA, hook: HOOK, sae: saeA },
      { model: modelB, hook: HOOK, sae: saeB },
      { documents: corpus.documents, tokens: 8192, onProgress: (event) => events.push(event.done) },
    );
    expect([codesA.rows, codesB.rows]).toEqual([8192, 8192]);
    expect(events.at(-1)).toBe(8192);
    const { summary, matches } = await correlateActivations(codesA, codesB, { dictionaries: { a: dictionaryOf(saeA), b: dictionaryOf(saeB) } });
    for (const name of ['svcca', 'rsa']) {
      const item = figure(summary, name);
      expect(item.value, name).toBeGreaterThan(item.null!.max);
      expect(item.pValue, name).toBeLessThanOrEqual(1 / 101);
    }
    expect(figure(summary, 'meanBestAB').value).toBeGreaterThan(0.3);
    expect(matches.every((edge) => edge.method === 'activation-correlation' && edge.score <= 1 + 1e-6)).toBe(true);
  });

  it('refuses activation correlation with a model whose tokenizer differs, naming the difference', { timeout: SLOW }, async () => {
    const other = await loadLanguageModel(otherTokenizerDir);
    const documents = [{ id: 'x', text: 'the whale and the sea' }];
    await expect(collectAlignedCodes({ model: modelA, hook: HOOK, sae: saeA }, { model: other, hook: HOOK, sae: saeA }, { documents, tokens: 64 })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/tokenize differently: token ".+" is id \d+ in one and \d+ in the other/),
    });
  });
});
