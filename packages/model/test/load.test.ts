import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLanguageModel } from '../src/index.ts';
import { writeTinyGpt } from '@atlas/model/testing';

const made: string[] = [];
const tiny = (...args: Parameters<typeof writeTinyGpt>) => {
  const model = writeTinyGpt(...args);
  made.push(model.dir);
  return model;
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('loadLanguageModel', () => {
  it('reads sizes, hooks and tokenizer of a Hugging Face ONNX folder', async () => {
    const { dir, weights, eosTokenId } = tiny({ layerCount: 3 });
    const model = await loadLanguageModel(dir);
    expect(model.dModel).toBe(8);
    expect(model.layerCount).toBe(3);
    expect(model.contextLength).toBe(16);
    expect(model.vocabSize).toBe(weights.vocabSize);
    expect(model.eosTokenId).toBe(eosTokenId);
    expect(model.config.raw.model_type).toBe('gpt2');
    expect(model.hookNames).toEqual(
      [0, 1, 2].flatMap((l) =>
        ['hook_resid_pre', 'attn.hook_z', 'hook_attn_out', 'hook_resid_mid', 'hook_mlp_out', 'hook_resid_post'].map(
          (kind) => `blocks.${l}.${kind}`,
        ),
      ),
    );
  });

  it('accepts onnx/decoder_model.onnx', async () => {
    const model = await loadLanguageModel(tiny({ onnxFile: 'decoder_model.onnx' }).dir);
    expect(model.onnxPath).toMatch(/onnx\/decoder_model\.onnx$/);
  });

  it('says when the folder does not exist', async () => {
    const missing = join(tmpdir(), 'no-such-model-folder');
    await expect(loadLanguageModel(missing)).rejects.toThrow(/Model folder not found: .*no-such-model-folder.*config\.json/);
  });

  it('names each missing file and the expected layout', async () => {
    const { dir } = tiny();
    rmSync(join(dir, 'tokenizer.json'));
    renameSync(join(dir, 'onnx', 'model.onnx'), join(dir, 'onnx', 'other.onnx'));
    const error = await loadLanguageModel(dir).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/missing tokenizer\.json \(tokenizer\), onnx\/model\.onnx or onnx\/decoder_model\.onnx \(ONNX graph\)/);
    expect((error as Error).message).toMatch(/Expected a Hugging Face ONNX folder/);
    expect((error as Error).message).not.toMatch(/missing config\.json/);
  });

  it('names a missing config.json and tokenizer_config.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bare-model-'));
    made.push(dir);
    mkdirSync(join(dir, 'onnx'));
    writeFileSync(join(dir, 'onnx', 'model.onnx'), '');
    writeFileSync(join(dir, 'tokenizer.json'), '{}');
    await expect(loadLanguageModel(dir)).rejects.toThrow(
      /missing config\.json \(model config\), tokenizer_config\.json \(tokenizer config\)\./,
    );
  });

  it('rejects a config whose layer count disagrees with the graph', async () => {
    const { dir } = tiny();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ n_embd: 8, n_positions: 16, n_layer: 5 }));
    await expect(loadLanguageModel(dir)).rejects.toThrow(/config\.json says 5 layers but the graph has 2 blocks/);
  });
});
