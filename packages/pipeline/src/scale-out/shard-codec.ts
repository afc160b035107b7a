import { gunzipSync, gzipSync } from 'node:zlib';
import type { FeatureStatsState } from '@atlas/features';

const ARRAY_TYPES = {
  Float64Array, Float32Array, Uint32Array, Int32Array, Uint16Array, Uint8Array,
} as const;
type ArrayTypeName = keyof typeof ARRAY_TYPES;
type AnyTypedArray = InstanceType<(typeof ARRAY_TYPES)[ArrayTypeName]>;

interface ArrayRef {
  $array: ArrayTypeName;
  offset: number;
  length: number;
}

/**
 * A shard's partial statistics as bytes for the results table: a JSON skeleton of the state with
 * every typed array replaced by a reference into a binary body (8-byte aligned), gzipped (fast
 * level: the fine histograms are mostly zeros). Exact: typed arrays travel bit for bit.
 */
export function encodeShardState(state: FeatureStatsState): Uint8Array {
  const arrays: AnyTypedArray[] = [];
  let offset = 0;
  const skeleton = JSON.stringify(state, (_key, value: unknown) => {
    if (!ArrayBuffer.isView(value)) return value;
    const name = value.constructor.name as ArrayTypeName;
    if (!(name in ARRAY_TYPES)) throw new Error(`Cannot encode a ${name} in shard statistics.`);
    const array = value as AnyTypedArray;
    const ref: ArrayRef = { $array: name, offset, length: array.length };
    arrays.push(array);
    offset += Math.ceil(array.byteLength / 8) * 8;
    return ref;
  });
  const json = Buffer.from(skeleton, 'utf8');
  const body = Buffer.alloc(8 + json.byteLength + offset);
  body.writeUInt32LE(json.byteLength, 0);
  json.copy(body, 8);
  let at = 8 + json.byteLength;
  for (const array of arrays) {
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(body, at);
    at += Math.ceil(array.byteLength / 8) * 8;
  }
  return gzipSync(body, { level: 1 });
}

export function decodeShardState(bytes: Uint8Array): FeatureStatsState {
  const body = gunzipSync(bytes);
  const jsonLength = body.readUInt32LE(0);
  const arraysStart = 8 + jsonLength;
  return JSON.parse(body.subarray(8, arraysStart).toString('utf8'), (_key, value: unknown) => {
    if (typeof value !== 'object' || value === null || !('$array' in value)) return value;
    const ref = value as ArrayRef;
    const type = ARRAY_TYPES[ref.$array];
    const bytesLength = ref.length * type.BYTES_PER_ELEMENT;
    // A copy, aligned for the typed array (the gunzipped buffer may sit at any offset).
    const copy = new Uint8Array(bytesLength);
    copy.set(body.subarray(arraysStart + ref.offset, arraysStart + ref.offset + bytesLength));
    return new type(copy.buffer, 0, ref.length);
  }) as FeatureStatsState;
}
