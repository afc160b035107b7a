import { DataType, type onnx } from '@atlas/onnx';
import { ModelError } from '../errors.ts';
import { aliasesOf, describeNode, readersOf, valueDescendants, type GraphIndex } from './graph-index.ts';
import { constantDims } from './weights.ts';

/** The Gather that looks up token rows: where the residual stream starts. */
export interface TokenEmbedding {
  node: onnx.INodeProto;
  tensor: string;
  /** Columns of the embedding table, when it is a constant the graph holds. */
  dModel: number | undefined;
}

/** One addition into the residual stream: `out = stream + branch`. */
export interface ResidualStep {
  node: onnx.INodeProto;
  branch: string;
  /** The sum; undefined when a fused normalization computes it without outputting it. */
  out: string | undefined;
  /** A fused normalization also adds a bias: the branch tensor lacks it. */
  fusedBias: boolean;
}

export interface ResidualStream {
  embedding: TokenEmbedding;
  /** Tensors whose values depend on the token embedding. */
  derived: Set<string>;
  /** Stream tensors before the first block (the embedding output first; then position embeddings, scaling). */
  preBlock: string[];
  steps: ResidualStep[];
}

/** onnxruntime fusions of `norm(input + skip + bias)`; output 3, when named, is the sum itself. */
export const FUSED_RESIDUAL_NORMS = new Set(['SkipLayerNormalization', 'SkipSimplifiedLayerNormalization']);

/** Where each fused norm takes its optional bias (added with the skip before normalizing). */
const BIAS_INPUT: Record<string, number> = { SkipLayerNormalization: 4, SkipSimplifiedLayerNormalization: 3 };

/** Elementwise ops that may fold a position embedding or a scale into the stream before the first block. */
const PRE_BLOCK_OPS = new Set(['Add', 'Sub', 'Mul', 'Div']);

/**
 * Follows the residual stream from the token embedding: through position embeddings and scales
 * (ops with one stream input and a stream-independent other) or an embedding norm, then through
 * each addition of a stream-computed branch to the stream (an `Add`, or an onnxruntime
 * SkipLayerNormalization), until nothing more is added — the stream the final norm reads.
 */
export function traceResidualStream(index: GraphIndex): ResidualStream {
  const embedding = findTokenEmbedding(index);
  const derived = valueDescendants(index, embedding.tensor);
  const preBlock = [embedding.tensor];
  const steps: ResidualStep[] = [];
  let current: string | undefined = embedding.tensor;
  while (current !== undefined) {
    const step = residualStep(index, derived, current);
    if (step) {
      steps.push(step);
      current = step.out;
      continue;
    }
    const normalized = throughNorm(index, derived, current);
    if (steps.length > 0 && normalized !== undefined) {
      throw new ModelError(
        `The blocks normalize the residual stream after adding to it (post-LN, as BERT or OPT-350m): ` +
          `${describeNode(index.producer.get(normalized)!)} reads the sum and the next block adds to its output. ` +
          'TransformerLens hooks are defined for pre-LN decoders, whose stream passes from block to block unnormalized.',
      );
    }
    const next = steps.length === 0 ? (preBlockStep(index, derived, current) ?? normalized) : undefined;
    if (next !== undefined) preBlock.push(next);
    current = next;
  }
  if (steps.length === 0) {
    const readers = readersOf(index, preBlock.at(-1)!).map(describeNode);
    throw new ModelError(
      `No residual stream found after the token embedding (${describeNode(embedding.node)}): nothing adds a branch ` +
        `computed from it back to it (an Add of the stream and e.g. an attention output, or a fused ` +
        `SkipLayerNormalization). The embedding's stream is read by: ${readers.join(', ') || 'nothing'}.`,
    );
  }
  return { embedding, derived, preBlock, steps };
}

function residualStep(index: GraphIndex, derived: Set<string>, stream: string): ResidualStep | undefined {
  const aliases = new Set(aliasesOf(index, stream));
  const candidates: ResidualStep[] = [];
  for (const node of readersOf(index, stream)) {
    const inputs = node.input ?? [];
    const fused = FUSED_RESIDUAL_NORMS.has(node.opType ?? '');
    if (node.opType !== 'Add' && !fused) continue;
    const pair = inputs.slice(0, 2);
    const branch = pair.find((input) => !aliases.has(input));
    if (!pair.some((input) => aliases.has(input)) || branch === undefined || !derived.has(branch)) continue;
    const out = fused ? node.output?.[3] || undefined : node.output?.[0];
    candidates.push({ node, branch, out, fusedBias: fused && Boolean(inputs[BIAS_INPUT[node.opType!]!]) });
  }
  if (candidates.length <= 1) return candidates[0];
  // Several additions read the stream: the residual one adds a branch computed from it.
  const fromStream = valueDescendants(index, stream);
  return candidates.find((step) => fromStream.has(step.branch)) ?? candidates[0];
}

/** The stream after a position embedding or scale applied before the first block. */
function preBlockStep(index: GraphIndex, derived: Set<string>, stream: string): string | undefined {
  const aliases = new Set(aliasesOf(index, stream));
  for (const node of readersOf(index, stream)) {
    const inputs = node.input ?? [];
    if (!PRE_BLOCK_OPS.has(node.opType ?? '') || inputs.length !== 2) continue;
    const streamInputs = inputs.filter((input) => aliases.has(input));
    const other = inputs.find((input) => !aliases.has(input));
    if (streamInputs.length === 1 && other !== undefined && !derived.has(other)) return node.output?.[0];
  }
  return undefined;
}

/**
 * The output of a node reading the stream (an embedding norm, as BLOOM has) to which a branch is
 * then added: where the stream continues through something other than an addition.
 */
function throughNorm(index: GraphIndex, derived: Set<string>, stream: string): string | undefined {
  for (const node of readersOf(index, stream)) {
    const output = node.output?.[0];
    if (output && (node.input ?? []).filter((input) => derived.has(input)).length === 1 && residualStep(index, derived, output)) return output;
  }
  return undefined;
}

const INTEGER_TYPES: ReadonlySet<number> = new Set([DataType.INT64, DataType.INT32]);

/** The Gather reading rows of a table at the token ids (graph input `input_ids`, else the first integer input). */
function findTokenEmbedding(index: GraphIndex): TokenEmbedding {
  const inputs = index.graph.input ?? [];
  const integer = inputs.filter((input) => INTEGER_TYPES.has(input.type?.tensorType?.elemType ?? -1));
  const ids = inputs.find((input) => input.name === 'input_ids') ?? integer[0];
  if (!ids?.name) {
    throw new ModelError(
      `The ONNX graph has no token-id input (input_ids): its inputs are ${inputs.map((input) => input.name).join(', ') || 'none'}. ` +
        'Export the decoder with input_ids as an input.',
    );
  }
  const idTensors = new Set(aliasesOf(index, ids.name));
  for (const node of index.consumers.get(ids.name) ?? []) if (node.opType === 'Cast') idTensors.add(node.output?.[0] ?? '');
  const gather = index.nodes.find((node) => node.opType === 'Gather' && idTensors.has(node.input?.[1] ?? '') && !idTensors.has(node.input?.[0] ?? ''));
  if (!gather?.output?.[0]) {
    const readers = (index.consumers.get(ids.name) ?? []).map(describeNode);
    throw new ModelError(
      `No token embedding found: expected a Gather that looks up rows of an embedding table at ${ids.name}. ` +
        `${ids.name} is read by: ${readers.join(', ') || 'nothing'}.`,
    );
  }
  return { node: gather, tensor: gather.output[0], dModel: constantDims(index, gather.input?.[0] ?? '')?.[1] };
}
