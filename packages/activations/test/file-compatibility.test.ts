import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activationFileMetadata, createActivationFileWriter, openActivationSource, readActivationFile } from '../src/index.ts';

/**
 * `fixtures/written-by-pipeline-writer.safetensors` was written by the hand-built writer this
 * package replaced (`packages/pipeline/src/activation-file-writer.ts`, commit 0600628) from the
 * inputs below, in two batches (2 rows, then 4). Files written before and after must stay
 * byte-identical: extraction is skipped when its file exists, and builds compare them.
 */
const fixture = path.join(import.meta.dirname, 'fixtures', 'written-by-pipeline-writer.safetensors');
const rows = 6;
const dIn = 3;
const seqLen = 3;
const activations = Float32Array.from({ length: rows * dIn }, (_, i) => Math.fround(Math.sin(i) * 3));
const tokenIds = Int32Array.from({ length: rows }, (_, i) => 100 + i);
const provenance = { model: 'demo-lm', hook: 'blocks.0.hook_resid_post', corpus: 'demo' };
const contexts = [{ documentId: 'doc-a', startToken: 0 }, { documentId: 'doc-b', startToken: 0 }];

describe('activation files stay compatible with the ones written before @atlas/activations', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atlas-compat-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the same bytes as the old writer', async () => {
    const file = path.join(dir, 'acts.safetensors');
    const writer = await createActivationFileWriter(file, { rows, dIn, tokenIds, metadata: activationFileMetadata(provenance, seqLen, contexts) });
    await writer.append(activations.subarray(0, 4 * dIn));
    await writer.append(activations.subarray(4 * dIn));
    await writer.finish();
    expect(await readFile(file)).toEqual(await readFile(fixture));
  });

  it('reads a file the old writer made', async () => {
    const extracted = await readActivationFile(fixture);
    expect(extracted).toMatchObject({ rows, dIn, seqLen, tokenIds });
    expect(extracted.contexts).toEqual([
      { documentId: 'doc-a', startToken: 0, tokenIds: [100, 101, 102] },
      { documentId: 'doc-b', startToken: 0, tokenIds: [103, 104, 105] },
    ]);
    const source = await openActivationSource(fixture);
    const out = new Float32Array(rows * dIn);
    await source.read(0, rows, out);
    await source.close();
    expect(out).toEqual(activations);
    expect(source.metadata).toMatchObject(provenance);
  });
});
