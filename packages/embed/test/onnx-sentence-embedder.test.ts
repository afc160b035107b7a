import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedderKey, loadOnnxSentenceEmbedder, type Embedder } from '../src/index.ts';
import { TINY_BERT_VOCAB, tinyBertReference, writeTinyBert, type TinyBertWeights } from './support/tiny-bert.ts';

const id = (token: string) => TINY_BERT_VOCAB.indexOf(token);

describe('loadOnnxSentenceEmbedder on a tiny BERT-style export', () => {
  let dir: string;
  let weights: TinyBertWeights;
  let embedder: Embedder;

  beforeAll(async () => {
    ({ dir, weights } = writeTinyBert());
    embedder = await loadOnnxSentenceEmbedder(dir);
  });
  afterAll(async () => {
    await embedder.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('mean-pools the encoder output over the tokens and normalises, as a plain forward pass does', async () => {
    const [vector] = await embedder.embed(['The whale sat on the mat.']);
    const ids = ['[CLS]', 'the', 'whale', 'sat', 'on', 'the', 'mat', '.', '[SEP]'].map(id);
    const reference = tinyBertReference(weights, ids);
    expect(vector!.length).toBe(8);
    for (let d = 0; d < 8; d++) expect(vector![d]).toBeCloseTo(reference[d]!, 4);
    expect(Math.hypot(...vector!)).toBeCloseTo(1, 5);
  });

  it('gives a text the same vector alone and padded in a batch beside a longer one', async () => {
    const [alone] = await embedder.embed(['big ships']);
    const [padded, long] = await embedder.embed(['big ships', 'a big whale sat on the big mat , a cat sat on a ship']);
    const reference = tinyBertReference(weights, ['[CLS]', 'big', 'ship', '##s', '[SEP]'].map(id));
    for (let d = 0; d < 8; d++) {
      expect(padded![d]).toBeCloseTo(alone![d]!, 5);
      expect(alone![d]).toBeCloseTo(reference[d]!, 4);
    }
    expect(long).toHaveLength(8);
  });

  it('records name, version, checksum and dimensions, and the checksum follows the weights', async () => {
    expect(embedder.id).toMatchObject({ name: dir.split('/').at(-1), version: '1', dimensions: 8 });
    expect(embedder.id.checksum).toMatch(/^[0-9a-f]{64}$/);
    const other = writeTinyBert(undefined, 8);
    const second = await loadOnnxSentenceEmbedder(other.dir, { name: 'other' });
    expect(second.id.checksum).not.toBe(embedder.id.checksum);
    expect(embedderKey(second.id)).toMatch(/^other@1#[0-9a-f]{12}$/);
    await second.close();
    rmSync(other.dir, { recursive: true, force: true });
  });

  it('names what is missing from a folder that is not an export', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'not-an-export-'));
    writeFileSync(join(empty, 'config.json'), '{}');
    await expect(loadOnnxSentenceEmbedder(empty)).rejects.toMatchObject({
      code: 'NOT_FOUND', message: expect.stringMatching(/missing onnx\/model\.onnx \(or model\.onnx\), tokenizer\.json/),
    });
    rmSync(empty, { recursive: true, force: true });
  });
});
