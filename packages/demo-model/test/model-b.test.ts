import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoModelBDir, demoModelDir } from '../src/index.ts';

describe('the second demo model (b/)', () => {
  it('is a Hugging Face ONNX folder with the first model\'s tokenizer, another size, within 11 MB', () => {
    const files = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];
    for (const file of files) expect(existsSync(join(demoModelBDir, file)), file).toBe(true);
    for (const file of ['tokenizer.json', 'tokenizer_config.json']) {
      expect(readFileSync(join(demoModelBDir, file), 'utf8'), file).toBe(readFileSync(join(demoModelDir, file), 'utf8'));
    }
    const config = JSON.parse(readFileSync(join(demoModelBDir, 'config.json'), 'utf8'));
    const first = JSON.parse(readFileSync(join(demoModelDir, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ model_type: 'gpt2', vocab_size: first.vocab_size, n_positions: first.n_positions, feature_atlas: first.feature_atlas });
    expect(config.n_embd).not.toBe(first.n_embd);
    const total = [...files, 'README.md'].filter((f) => existsSync(join(demoModelBDir, f))).reduce((sum, f) => sum + statSync(join(demoModelBDir, f)).size, 0);
    expect(total).toBeLessThanOrEqual(11 * 1024 * 1024);
  });
});
