import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoModelDir } from '../src/index.ts';

const readJson = (file: string) => JSON.parse(readFileSync(join(demoModelDir, file), 'utf8'));

describe('demo model artifacts', () => {
  it('demoModelDir holds the Hugging Face ONNX folder layout', () => {
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) {
      expect(existsSync(join(demoModelDir, file)), file).toBe(true);
    }
  });

  it('config, tokenizer and hook scope agree', () => {
    const config = readJson('config.json');
    const tokenizer = readJson('tokenizer.json');
    const tokenizerConfig = readJson('tokenizer_config.json');
    expect(config.model_type).toBe('gpt2');
    expect(config.feature_atlas.hook_scope).toBe('/blocks.{layer}/');
    const vocab = Object.keys(tokenizer.model.vocab).length + tokenizer.added_tokens.length;
    expect(vocab).toBe(config.vocab_size);
    const eos = tokenizer.added_tokens.find((t: { content: string }) => t.content === '<|endoftext|>');
    expect(eos.id).toBe(config.eos_token_id);
    expect(tokenizerConfig.model_max_length).toBe(config.n_positions);
  });

  it('stays within the 20 MB budget', () => {
    const total = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'README.md']
      .filter((f) => existsSync(join(demoModelDir, f)))
      .reduce((sum, f) => sum + statSync(join(demoModelDir, f)).size, 0);
    expect(total).toBeLessThanOrEqual(20 * 1024 * 1024);
  });
});
