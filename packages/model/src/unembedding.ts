import { readFileSync } from 'node:fs';
import { DataType, decodeModel, type onnx } from '@atlas/onnx';
import { ModelError } from './errors.ts';
import type { LanguageModel } from './language-model.ts';

export interface Unembedding {
  /** The initializer it was read from. */
  name: string;
  /** Row-major [vocabSize, dModel]: one row per token, so logit(token) = h · row(token). */
  weight: Float32Array;
  vocabSize: number;
  dModel: number;
}

/** Names of an output head or a (tied) token embedding, best first. */
const CANDIDATES = [/(^|\.)lm_head\.weight$/, /(^|\.)embed_out\.weight$/, /(^|\.)W_U$/, /(^|\.)wte\.weight$/, /(^|\.)embed_tokens\.weight$/, /(^|\.)word_embeddings\.weight$/];

/**
 * The model's unembedding, read from the ONNX graph's initializers: an `lm_head` weight or,
 * for tied models such as GPT-2, the token embedding `wte.weight`. Either orientation
 * ([vocab, dModel] or [dModel, vocab]) is accepted and returned as [vocab, dModel].
 */
export function readUnembedding(model: Pick<LanguageModel, 'onnxPath' | 'dModel' | 'vocabSize'>): Unembedding {
  const graph = decodeModel(readFileSync(model.onnxPath));
  return findUnembedding(graph, model.dModel, model.vocabSize, model.onnxPath);
}

export function findUnembedding(graph: onnx.IModelProto, dModel: number, vocabSize: number, source = 'the graph'): Unembedding {
  const initializers = graph.graph?.initializer ?? [];
  for (const pattern of CANDIDATES) {
    for (const tensor of initializers) {
      const name = tensor.name ?? '';
      if (!pattern.test(name)) continue;
      const dims = (tensor.dims ?? []).map(Number);
      const rowsFirst = dims[0] === vocabSize && dims[1] === dModel;
      const columnsFirst = dims[0] === dModel && dims[1] === vocabSize;
      if (dims.length !== 2 || (!rowsFirst && !columnsFirst)) continue;
      const data = floatData(tensor, source);
      return { name, weight: rowsFirst ? data : transpose(data, dModel, vocabSize), vocabSize, dModel };
    }
  }
  const seen = initializers.filter((t) => (t.dims ?? []).length === 2).map((t) => `${t.name} [${(t.dims ?? []).join(', ')}]`);
  throw new ModelError(
    `${source} has no unembedding initializer of shape [${vocabSize}, ${dModel}] (looked for lm_head / wte / ` +
      `embed_tokens weights; 2-D initializers: ${seen.slice(0, 8).join(', ') || 'none'}). Logit effects need one.`,
  );
}

function floatData(tensor: onnx.ITensorProto, source: string): Float32Array {
  if (tensor.dataType !== DataType.FLOAT) {
    throw new ModelError(`${source}: unembedding ${tensor.name} is ONNX type ${tensor.dataType}; only float32 is read.`);
  }
  if (tensor.rawData && tensor.rawData.length > 0) {
    const raw = tensor.rawData;
    // Copy: the protobuf buffer need not be 4-byte aligned.
    return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  }
  return Float32Array.from(tensor.floatData ?? []);
}

function transpose(data: Float32Array, rows: number, columns: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let r = 0; r < rows; r += 1) for (let c = 0; c < columns; c += 1) out[c * rows + r] = data[r * columns + c]!;
  return out;
}
