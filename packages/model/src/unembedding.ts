import { dirname } from 'node:path';
import { DataType, type onnx } from '@atlas/onnx';
import { ModelError } from './errors.ts';
import { isExternal, readExternalBytes, readGraphFile } from './external-data.ts';
import { halvesToFloats } from './half.ts';
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
  const graph = readGraphFile(model.onnxPath);
  return findUnembedding(graph, model.dModel, model.vocabSize, model.onnxPath, dirname(model.onnxPath));
}

/**
 * The unembedding among `graph`'s initializers. One kept in an external-data file is read from
 * `onnxDir` by its offset and length, so only that tensor's bytes are loaded.
 */
export function findUnembedding(graph: onnx.IModelProto, dModel: number, vocabSize: number, source = 'the graph', onnxDir?: string): Unembedding {
  const initializers = graph.graph?.initializer ?? [];
  for (const pattern of CANDIDATES) {
    for (const tensor of initializers) {
      const name = tensor.name ?? '';
      if (!pattern.test(name)) continue;
      const dims = (tensor.dims ?? []).map(Number);
      const rowsFirst = dims[0] === vocabSize && dims[1] === dModel;
      const columnsFirst = dims[0] === dModel && dims[1] === vocabSize;
      if (dims.length !== 2 || (!rowsFirst && !columnsFirst)) continue;
      const data = floatData(tensor, source, onnxDir);
      return { name, weight: rowsFirst ? data : transpose(data, dModel, vocabSize), vocabSize, dModel };
    }
  }
  const seen = initializers.filter((t) => (t.dims ?? []).length === 2).map((t) => `${t.name} [${(t.dims ?? []).join(', ')}]`);
  throw new ModelError(
    `${source} has no unembedding initializer of shape [${vocabSize}, ${dModel}] (looked for lm_head / wte / ` +
      `embed_tokens weights; 2-D initializers: ${seen.slice(0, 8).join(', ') || 'none'}). Logit effects need one.`,
  );
}

function floatData(tensor: onnx.ITensorProto, source: string, onnxDir: string | undefined): Float32Array {
  const buffer = tensorBuffer(tensor, source, onnxDir);
  if (tensor.dataType === DataType.FLOAT16) {
    return halvesToFloats(buffer ? new Uint16Array(buffer) : Uint16Array.from(tensor.int32Data ?? []), true);
  }
  if (tensor.dataType !== DataType.FLOAT) {
    throw new ModelError(`${source}: unembedding ${tensor.name} is ONNX type ${tensor.dataType}; float32 and float16 are read.`);
  }
  return buffer ? new Float32Array(buffer) : Float32Array.from(tensor.floatData ?? []);
}

/**
 * The tensor's raw bytes in a buffer of their own: read from its external-data file, or copied
 * from the graph (protobuf buffers need not be aligned); undefined when it uses the typed fields.
 */
function tensorBuffer(tensor: onnx.ITensorProto, source: string, onnxDir: string | undefined): ArrayBuffer | undefined {
  if (isExternal(tensor)) {
    if (onnxDir === undefined) {
      throw new ModelError(`${source}: unembedding ${tensor.name} is in external data; pass the .onnx file's folder (onnxDir) to read it.`);
    }
    return readExternalBytes(tensor, onnxDir).buffer;
  }
  const raw = tensor.rawData;
  if (!raw || raw.length === 0) return undefined;
  return raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength) as ArrayBuffer;
}

function transpose(data: Float32Array, rows: number, columns: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let r = 0; r < rows; r += 1) for (let c = 0; c < columns; c += 1) out[c * rows + r] = data[r * columns + c]!;
  return out;
}
