import { DataType, ort, type onnx, type Feeds } from '@atlas/onnx';
import { ModelError } from './errors.ts';

export interface TokenBatch {
  /** Row-major [batch, seqLen] token ids. */
  inputIds: Int32Array;
  batch: number;
  seqLen: number;
  /** Row-major [batch, seqLen], 1 = token, 0 = padding; all ones when absent. */
  attentionMask?: ArrayLike<number>;
  /** A KV cache from an earlier run: `past_key_values.*` tensors by input name, covering `length` tokens. */
  past?: PastCache;
}

export interface PastCache {
  /** Tokens already in the cache; the new ids take positions `length…length+seqLen-1`. */
  length: number;
  tensors: Record<string, ort.Tensor>;
}

function integerTensor(elemType: number | null | undefined, values: ArrayLike<number>, dims: number[]): ort.Tensor {
  if (elemType === DataType.INT32) return new ort.Tensor('int32', Int32Array.from(values), dims);
  const data = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = BigInt(values[i]!);
  return new ort.Tensor('int64', data, dims);
}

/** HF convention: position = number of real tokens before this one (cached ones included); padding positions get 1. */
function positionIds(batch: TokenBatch): Int32Array {
  const { batch: rows, seqLen, attentionMask } = batch;
  const positions = new Int32Array(rows * seqLen);
  for (let row = 0; row < rows; row++) {
    let seen = batch.past?.length ?? 0;
    for (let t = 0; t < seqLen; t++) {
      const i = row * seqLen + t;
      if (!attentionMask || attentionMask[i]) positions[i] = seen++;
      else positions[i] = 1;
    }
  }
  return positions;
}

/** An empty past (length 0) for Optimum "with past" graphs, shaped from the input's declared dims. */
function emptyPast(input: onnx.IValueInfoProto, batch: number): ort.Tensor {
  const dims = (input.type?.tensorType?.shape?.dim ?? []).map((dim) => {
    if (dim.dimValue !== undefined && dim.dimValue !== null && Number(dim.dimValue) > 0) return Number(dim.dimValue);
    return /batch/i.test(dim.dimParam ?? '') ? batch : 0;
  });
  const type = input.type?.tensorType?.elemType === DataType.FLOAT16 ? 'float16' : 'float32';
  return new ort.Tensor(type, type === 'float16' ? new Uint16Array(0) : new Float32Array(0), dims);
}

/**
 * Builds a feed for every input of the graph: `input_ids`, `attention_mask` (all ones unless
 * given), `position_ids`, `past_key_values.*` (empty, or `batch.past`) and `use_cache_branch`
 * (true only with a past), in the integer type each input declares.
 */
export function buildFeeds(inputs: readonly onnx.IValueInfoProto[], batch: TokenBatch): Feeds {
  const dims = [batch.batch, batch.seqLen];
  const pastLength = batch.past?.length ?? 0;
  if (pastLength > 0 && batch.attentionMask) {
    throw new ModelError('A KV-cache step takes no attention mask: every cached and new token is attended.');
  }
  const names = inputs.map((input) => input.name ?? '');
  if (batch.attentionMask && !names.includes('attention_mask')) {
    throw new ModelError(`An attention mask was given, but this graph takes no attention_mask (inputs: ${names.join(', ')}).`);
  }
  const feeds: Feeds = {};
  for (const input of inputs) {
    const name = input.name ?? '';
    const elemType = input.type?.tensorType?.elemType;
    if (name === 'input_ids') feeds[name] = integerTensor(elemType, batch.inputIds, dims);
    else if (name === 'attention_mask') {
      // With a past the mask covers cached and new tokens: [batch, past + seqLen].
      const mask = batch.attentionMask ?? new Int32Array(batch.batch * (pastLength + batch.seqLen)).fill(1);
      feeds[name] = integerTensor(elemType, mask, [batch.batch, pastLength + batch.seqLen]);
    } else if (name === 'position_ids') feeds[name] = integerTensor(elemType, positionIds(batch), dims);
    else if (name.startsWith('past_key_values.') || name.startsWith('past_')) {
      const cached = batch.past?.tensors[name];
      if (batch.past && !cached) throw new ModelError(`The KV cache has no tensor for the graph input ${name}.`);
      feeds[name] = cached ?? emptyPast(input, batch.batch);
    } else if (name === 'use_cache_branch') feeds[name] = new ort.Tensor('bool', new Uint8Array([pastLength > 0 ? 1 : 0]), [1]);
    else {
      throw new ModelError(
        `The graph takes an input "${name}" this runtime cannot fill; supported: input_ids, attention_mask, ` +
          'position_ids, past_key_values.*, use_cache_branch.',
      );
    }
  }
  return feeds;
}
