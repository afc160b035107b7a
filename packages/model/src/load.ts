import { dirname } from 'node:path';
import type { Device } from '@atlas/onnx';
import { readModelConfig } from './config.ts';
import { ModelError } from './errors.ts';
import { checkExternalData, readGraphFile } from './external-data.ts';
import { findHookPoints, hookScopesFor } from './hooks.ts';
import { LanguageModel } from './language-model.ts';
import { locateModelFiles } from './layout.ts';
import { loadTokenizer } from './tokenizer.ts';

export interface LoadOptions {
  device?: Device;
  /** onnxruntime intra-op threads; defaults to the machine's cores. */
  threads?: number;
}

/**
 * Loads a Hugging Face ONNX folder (`config.json`, `tokenizer.json`, `tokenizer_config.json`,
 * `onnx/model.onnx` or `onnx/decoder_model.onnx`) and finds its residual-stream hook points.
 */
export async function loadLanguageModel(dir: string, options: LoadOptions = {}): Promise<LanguageModel> {
  const files = locateModelFiles(dir);
  const config = readModelConfig(files.config);
  const tokenizer = await loadTokenizer(files.dir);
  const graph = readGraphFile(files.onnx);
  // External weights stay in their files: every session reads them from the .onnx file's folder.
  checkExternalData(graph, dirname(files.onnx));
  const found = findHookPoints(graph.graph ?? {}, hookScopesFor(config.hookScope), config.dModel);
  if (config.layerCount !== undefined && config.layerCount !== found.layerCount) {
    throw new ModelError(
      `config.json says ${config.layerCount} layers but the graph has ${found.layerCount} blocks (${found.scope}).`,
    );
  }
  return new LanguageModel({
    dir: files.dir,
    onnxPath: files.onnx,
    config,
    tokenizer,
    graph,
    hooks: found.hooks,
    dModel: required(config.dModel, 'the model width (n_embd / hidden_size / d_model)', files.config),
    layerCount: found.layerCount,
    contextLength: required(config.contextLength, 'the context length (n_positions / max_position_embeddings / n_ctx)', files.config),
    vocabSize: config.vocabSize ?? tokenizer.vocabSize,
    device: options.device ?? 'cpu',
    threads: options.threads,
    externalDataDir: dirname(files.onnx),
  });
}

function required(value: number | undefined, what: string, path: string): number {
  if (value === undefined) throw new ModelError(`${path} does not give ${what}.`);
  return value;
}
