import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeModel, type onnx } from '@atlas/onnx';
import { renameGraph, type NamingScheme } from './rename-graph.ts';
import { tinyTokenizerFiles } from './tiny-tokenizer.ts';

/** Writes a Hugging Face ONNX folder: config.json, the tiny tokenizer's files and onnx/model.onnx (renamed first when asked). */
export function writeModelFolder(dir: string, model: onnx.IModelProto, config: object, contextLength: number, rename?: NamingScheme): void {
  const files = tinyTokenizerFiles(contextLength);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), encodeModel(rename ? renameGraph(model, rename) : model));
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(files.tokenizer));
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify(files.tokenizerConfig));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...config, eos_token_id: files.eosTokenId }, null, 2));
}
