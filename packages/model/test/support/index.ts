/** Test helpers other packages may use through `@atlas/model/testing`. */
export { writeTinyGpt, buildTinyGptGraph, makeTinyWeights, MASK_VALUE } from './tiny-gpt.ts';
export type { TinyGpt, TinyGptOptions, TinyGptWeights, TinyBlockWeights, LayerNormWeights } from './tiny-gpt.ts';
export { referenceForward, layerNorm, linear, unembed } from './reference.ts';
export type { ReferenceOutputs } from './reference.ts';
export { tinyTokenizerFiles, bytesToUnicode, TINY_MERGES, EOS_TOKEN } from './tiny-tokenizer.ts';
export { maxAbsDiff } from './compare.ts';
export { writeTinyLlama, buildTinyLlamaGraph, makeTinyLlamaWeights, rotaryTables } from './tiny-llama.ts';
export type { TinyLlama, TinyLlamaOptions, TinyLlamaWeights, TinyLlamaBlock } from './tiny-llama.ts';
export { llamaReference, rmsNorm } from './llama-reference.ts';
export type { LlamaReference } from './llama-reference.ts';
export { writeTinyNeox, buildTinyNeoxGraph, makeTinyNeoxWeights } from './tiny-neox.ts';
export type { TinyNeox, TinyNeoxOptions, TinyNeoxWeights, NeoxResidual } from './tiny-neox.ts';
export { neoxReference } from './neox-reference.ts';
export { writeFusedGpt, buildFusedGptGraph } from './tiny-gpt-fused.ts';
export type { FusedGptOptions } from './tiny-gpt-fused.ts';
export { renameGraph } from './rename-graph.ts';
export type { NamingScheme } from './rename-graph.ts';
export { writeFusedLlama, fuseLlamaNorms } from './fuse-llama-norms.ts';
