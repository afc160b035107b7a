import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ModelError } from './errors.ts';

/** Graph files tried in order, relative to the model folder. */
export const ONNX_CANDIDATES = ['onnx/model.onnx', 'onnx/decoder_model.onnx'] as const;

export const EXPECTED_LAYOUT =
  'a Hugging Face ONNX folder: config.json, tokenizer.json, tokenizer_config.json and ' +
  `${ONNX_CANDIDATES.join(' (or ')})`;

export interface ModelFiles {
  /** Absolute model folder. */
  dir: string;
  config: string;
  tokenizer: string;
  tokenizerConfig: string;
  onnx: string;
}

/** Finds the files of a model folder; names every missing one (and the layout expected) at once. */
export function locateModelFiles(dir: string): ModelFiles {
  const root = resolve(dir);
  if (!existsSync(root)) throw new ModelError(`Model folder not found: ${root}. Expected ${EXPECTED_LAYOUT}.`);
  if (!statSync(root).isDirectory()) {
    throw new ModelError(`Model path ${root} is a file, not a folder. Expected ${EXPECTED_LAYOUT}.`);
  }
  const missing: string[] = [];
  const file = (name: string, what: string): string => {
    const path = join(root, name);
    if (!existsSync(path)) missing.push(`${name} (${what})`);
    return path;
  };
  const config = file('config.json', 'model config');
  const tokenizer = file('tokenizer.json', 'tokenizer');
  const tokenizerConfig = file('tokenizer_config.json', 'tokenizer config');
  const onnx = ONNX_CANDIDATES.map((name) => join(root, name)).find((path) => existsSync(path));
  if (!onnx) missing.push(`${ONNX_CANDIDATES.join(' or ')} (ONNX graph)`);
  if (missing.length > 0) {
    throw new ModelError(`Model folder ${root} is missing ${missing.join(', ')}. Expected ${EXPECTED_LAYOUT}.`);
  }
  return { dir: root, config, tokenizer, tokenizerConfig, onnx: onnx! };
}
