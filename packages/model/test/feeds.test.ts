import { DataType, makeValueInfo, ort } from '@atlas/onnx';
import { describe, expect, it } from 'vitest';
import { buildFeeds } from '../src/feeds.ts';

const batch = { inputIds: Int32Array.from([5, 6, 7, 8, 9, 10]), batch: 2, seqLen: 3 };

describe('buildFeeds', () => {
  it('feeds an Optimum decoder-with-past graph: int64 ids, mask, positions, empty past, no cache branch', () => {
    const inputs = [
      makeValueInfo('input_ids', DataType.INT64, ['batch_size', 'sequence_length']),
      makeValueInfo('attention_mask', DataType.INT64, ['batch_size', 'past_sequence_length + 1']),
      makeValueInfo('position_ids', DataType.INT64, ['batch_size', 'sequence_length']),
      makeValueInfo('past_key_values.0.key', DataType.FLOAT, ['batch_size', 4, 'past_sequence_length', 16]),
      makeValueInfo('use_cache_branch', DataType.BOOL, [1]),
    ];
    const mask = [1, 1, 0, 0, 1, 1];
    const feeds = buildFeeds(inputs, { ...batch, attentionMask: mask });
    expect(feeds.input_ids!.type).toBe('int64');
    expect(Array.from(feeds.input_ids!.data as BigInt64Array, Number)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(Array.from(feeds.attention_mask!.data as BigInt64Array, Number)).toEqual(mask);
    expect(Array.from(feeds.position_ids!.data as BigInt64Array, Number)).toEqual([0, 1, 1, 1, 0, 1]);
    expect(feeds['past_key_values.0.key']!.dims).toEqual([2, 4, 0, 16]);
    expect(feeds.use_cache_branch!.type).toBe('bool');
  });

  it('uses int32 where the graph declares it and fills a missing mask with ones', () => {
    const inputs = [
      makeValueInfo('input_ids', DataType.INT32, ['batch', 'sequence']),
      makeValueInfo('attention_mask', DataType.INT32, ['batch', 'sequence']),
    ];
    const feeds = buildFeeds(inputs, batch);
    expect(feeds.input_ids!.type).toBe('int32');
    expect(Array.from(feeds.attention_mask!.data as Int32Array)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(feeds.input_ids!.dims).toEqual([2, 3]);
  });

  it('names an input it cannot fill', () => {
    const inputs = [makeValueInfo('input_ids', DataType.INT64, ['b', 's']), makeValueInfo('token_type_ids', DataType.INT64, ['b', 's'])];
    expect(() => buildFeeds(inputs, batch)).toThrow(/input "token_type_ids" this runtime cannot fill/);
  });

  it('feeds a KV-cache step: mask over past + new tokens, positions after the past, the cached tensors, cache branch on', () => {
    const inputs = [
      makeValueInfo('input_ids', DataType.INT64, ['batch_size', 'sequence_length']),
      makeValueInfo('attention_mask', DataType.INT64, ['batch_size', 'total_sequence_length']),
      makeValueInfo('position_ids', DataType.INT64, ['batch_size', 'sequence_length']),
      makeValueInfo('past_key_values.0.key', DataType.FLOAT, ['batch_size', 2, 'past_sequence_length', 4]),
      makeValueInfo('use_cache_branch', DataType.BOOL, [1]),
    ];
    const key = new ort.Tensor('float32', new Float32Array(2 * 5 * 4), [1, 2, 5, 4]);
    const feeds = buildFeeds(inputs, { inputIds: Int32Array.from([9]), batch: 1, seqLen: 1, past: { length: 5, tensors: { 'past_key_values.0.key': key } } });
    expect(feeds.attention_mask!.dims).toEqual([1, 6]);
    expect(Array.from(feeds.position_ids!.data as BigInt64Array, Number)).toEqual([5]);
    expect(feeds['past_key_values.0.key']).toBe(key);
    expect(Array.from(feeds.use_cache_branch!.data as Uint8Array)).toEqual([1]);
    expect(() => buildFeeds(inputs, { inputIds: Int32Array.from([9]), batch: 1, seqLen: 1, past: { length: 5, tensors: {} } }))
      .toThrow(/no tensor for the graph input past_key_values\.0\.key/);
  });
});

