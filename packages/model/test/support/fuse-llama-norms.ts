/**
 * The tiny LLaMA's norms as onnxruntime fuses them (its transformer optimizer, onnxruntime-genai's
 * builder): the first RMSNorm as one `SimplifiedLayerNormalization`, and every residual addition
 * fused with the RMSNorm after it into `SkipSimplifiedLayerNormalization` (com.microsoft), whose
 * 4th output is the sum — named only where something else reads it, so not after the last block.
 * Works on the graph `buildTinyLlamaGraph` writes (its node names locate the norms).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeNode, type onnx } from '@atlas/onnx';
import { writeModelFolder } from './model-folder.ts';
import type { NamingScheme } from './rename-graph.ts';
import { buildTinyLlamaGraph, makeTinyLlamaWeights, type TinyLlamaWeights } from './tiny-llama.ts';
import { tinyTokenizerFiles } from './tiny-tokenizer.ts';

export function fuseLlamaNorms(model: onnx.ModelProto, weights: TinyLlamaWeights): onnx.ModelProto {
  const layers = weights.blocks.length;
  const norms = [...Array.from({ length: layers }, (_, i) => [`/model/layers.${i}/input_layernorm/`, `/model/layers.${i}/post_attention_layernorm/`]).flat(), '/model/norm/'];
  const nodes = model.graph!.node!;
  const inNorm = (node: onnx.INodeProto) => norms.some((scope) => node.name!.startsWith(scope));
  const normOf = (scope: string) => nodes.find((node) => node.name === `${scope}Mul_1`)!;
  const attributes = { epsilon: weights.eps };
  const fused = new Map<string, onnx.NodeProto[]>();
  const first = norms[0]!;
  const input = nodes.find((node) => node.name === `${first}Mul`)!.input![0]!;
  fused.set(`${first}Pow`, [
    makeNode('SimplifiedLayerNormalization', [input, normOf(first).input![0]!], [normOf(first).output![0]!], { axis: -1, ...attributes }, `${first}SimplifiedLayerNormalization`),
  ]);
  for (let i = 0; i < layers; i++) {
    const pairs: [string, string][] = [[`/model/layers.${i}/Add`, norms[2 * i + 1]!], [`/model/layers.${i}/Add_1`, norms[2 * i + 2]!]];
    for (const [addName, scope] of pairs) {
      const add = nodes.find((node) => node.name === addName)!;
      const [stream, branch] = add.input as [string, string];
      const last = i === layers - 1 && addName.endsWith('Add_1');
      const outputs = last ? [normOf(scope).output![0]!] : [normOf(scope).output![0]!, '', '', add.output![0]!];
      fused.set(addName, [Object.assign(makeNode('SkipSimplifiedLayerNormalization', [branch, stream, normOf(scope).input![0]!], outputs, attributes, `${scope}SkipSimplifiedLayerNormalization`), { domain: 'com.microsoft' })]);
    }
  }
  const node = nodes.flatMap((n) => fused.get(n.name!) ?? (inNorm(n) ? [] : [n]));
  model.graph!.node = node;
  model.opsetImport.push({ domain: 'com.microsoft', version: 1 });
  return model;
}

/** Writes the norm-fused tiny LLaMA (fp32, KV cache) as a model folder (LLaMA config keys). */
export function writeFusedLlama(options: { rename?: NamingScheme } = {}, dir = mkdtempSync(join(tmpdir(), 'tiny-llama-fused-'))): { dir: string; weights: TinyLlamaWeights } {
  const contextLength = 32;
  const weights = makeTinyLlamaWeights(tinyTokenizerFiles(contextLength).vocabSize, { contextLength });
  writeModelFolder(dir, fuseLlamaNorms(buildTinyLlamaGraph(weights), weights), {
    model_type: 'llama', vocab_size: weights.vocabSize, hidden_size: weights.dModel, intermediate_size: weights.dMlp,
    num_hidden_layers: weights.blocks.length, num_attention_heads: weights.headCount, num_key_value_heads: weights.kvHeadCount,
    max_position_embeddings: contextLength, rms_norm_eps: weights.eps,
  }, contextLength, options.rename);
  return { dir, weights };
}
