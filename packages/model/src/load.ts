import { dirname } from 'node:path';
import type { Device } from '@atlas/onnx';
import { readModelConfig } from './config.ts';
import { ModelError } from './errors.ts';
import { checkExternalData, readGraphFile } from './external-data.ts';
import { findHookPoints } from './hooks/find-hook-points.ts';
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
 * `onnx/model.onnx` or `onnx/decoder_model.onnx`) and finds its hook points by the graph's structure.
 */
export async function loadLanguageModel(dir: string, options: LoadOptions = {}): Promise<LanguageModel> {
  const files = locateModelFiles(dir);
  const config = readModelConfig(files.config);
  const tokenizer = await loadTokenizer(files.dir);
  const graph = readGraphFile(files.onnx);
  // External weights stay in their files: every session reads them from the .onnx file's folder.
  checkExternalData(graph, dirname(files.onnx));
  const found = findHookPoints(graph.graph ?? {}, { dModel: config.dModel });
  if (config.layerCount !== undefined && config.layerCount !== found.layerCount) {
    throw new ModelError(
      `config.json says ${config.layerCount} layers but the graph has ${found.layerCount} blocks ` +
        `(attention and MLP branches added to the residual stream from the token embedding to the final norm).`,
    );
  }
  if (config.dModel !== undefined && config.dModel !== found.dModel) {
    throw new ModelError(`config.json says the model width is ${config.dModel} but the graph's token embedding has ${found.dModel} columns.`);
  }
  return new LanguageModel({
    dir: files.dir,
    onnxPath: files.onnx,
    config,
    tokenizer,
    graph,
    hooks: found.hooks,
    absentHooks: found.absent,
    dModel: found.dModel,
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
