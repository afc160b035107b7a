import { DTYPES, SUPPORTED_DTYPES, elementCount, isDType } from './dtypes.ts';
import type { SafetensorsFile, Tensor } from './types.ts';
import { SafetensorsError } from './types.ts';

/** The format's own limit on the JSON header (100 MB), which also bounds a corrupt length field. */
export const MAX_HEADER_BYTES = 100_000_000;

/** One tensor's header entry; `begin`/`end` are byte offsets from `dataStart`. */
export interface HeaderEntry {
  name: string;
  dtype: Tensor['dtype'];
  shape: number[];
  begin: number;
  end: number;
}

export interface ParsedHeader {
  entries: HeaderEntry[];
  metadata: Record<string, string>;
  /** Byte offset in the file where tensor data begins (8 + header length). */
  dataStart: number;
}

/**
 * Parses a whole safetensors file held in memory. `source` names the file in errors.
 * Tensor data is copied out of `bytes`, so the result never aliases the caller's buffer.
 */
export function parseSafetensors(bytes: Uint8Array, source = 'safetensors bytes'): SafetensorsFile {
  const { entries, metadata, dataStart } = parseHeader(bytes, bytes.byteLength, source);
  const tensors: Record<string, Tensor> = {};
  for (const entry of entries) {
    const { array } = DTYPES[entry.dtype];
    // A copy: Buffer#slice would return a view, and the data may sit at any alignment.
    const copy = new Uint8Array(bytes.subarray(dataStart + entry.begin, dataStart + entry.end));
    tensors[entry.name] = {
      dtype: entry.dtype,
      shape: entry.shape,
      data: new array(copy.buffer, 0, copy.byteLength / DTYPES[entry.dtype].bytes),
    };
  }
  return { tensors, metadata };
}

/** The header's length from the file's first 8 bytes, checked against the file's size. */
export function headerLength(prefix: Uint8Array, fileLength: number, source: string): number {
  const fail = failer(source);
  if (fileLength < 8 || prefix.byteLength < 8) {
    fail(`file is ${fileLength} bytes, too short for the 8-byte header length (truncated or not safetensors)`);
  }
  const length = new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true);
  if (length > BigInt(MAX_HEADER_BYTES)) {
    fail(`header length field says ${length} bytes, over the format's 100 MB limit (corrupt or not safetensors)`);
  }
  const headerBytes = Number(length);
  if (8 + headerBytes > fileLength) {
    fail(`header length field says ${headerBytes} bytes but only ${fileLength - 8} follow (truncated file)`);
  }
  return headerBytes;
}

/**
 * Parses and checks the header, given the file's first 8 + header-length bytes (or more) and the
 * whole file's length: every tensor's byte range must lie inside the file.
 */
export function parseHeader(prefix: Uint8Array, fileLength: number, source: string): ParsedHeader {
  const fail = failer(source);
  const headerBytes = headerLength(prefix, fileLength, source);
  const header = parseHeaderJson(prefix.subarray(8, 8 + headerBytes), fail);
  const dataStart = 8 + headerBytes;
  const dataLength = fileLength - dataStart;
  const metadata = parseMetadata(header.__metadata__, fail);
  const entries = Object.entries(header)
    .filter(([name]) => name !== '__metadata__')
    .map(([name, raw]) => parseEntry(name, raw, dataLength, fail));
  checkOverlaps(entries, fail);
  return { entries, metadata, dataStart };
}

function failer(source: string): (problem: string) => never {
  return (problem) => {
    throw new SafetensorsError(`${source}: ${problem}`);
  };
}

function parseHeaderJson(raw: Uint8Array, fail: (problem: string) => never): Record<string, unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return fail('header is not valid UTF-8 (corrupt file)');
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`header is not valid JSON (${reason})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    return fail('header JSON is not an object of tensor entries');
  }
  return header as Record<string, unknown>;
}

function parseMetadata(raw: unknown, fail: (problem: string) => never): Record<string, string> {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('__metadata__ is not an object');
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') fail(`__metadata__["${key}"] is not a string`);
  }
  return { ...(raw as Record<string, string>) };
}

function parseEntry(name: string, raw: unknown, dataLength: number, fail: (problem: string) => never): HeaderEntry {
  if (typeof raw !== 'object' || raw === null) return fail(`tensor "${name}": entry is not an object`);
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
  if (!isDType(dtype)) {
    return fail(`tensor "${name}": unsupported dtype ${JSON.stringify(dtype)}; supported: ${SUPPORTED_DTYPES.join(', ')}`);
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    return fail(`tensor "${name}": shape ${JSON.stringify(shape)} is not a list of non-negative integers`);
  }
  if (
    !Array.isArray(offsets) || offsets.length !== 2 ||
    !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) || offsets[0] > offsets[1]
  ) {
    return fail(`tensor "${name}": data_offsets ${JSON.stringify(offsets)} is not [begin, end] with 0 <= begin <= end`);
  }
  const [begin, end] = offsets as [number, number];
  if (end > dataLength) {
    fail(`tensor "${name}": data_offsets [${begin}, ${end}] run past the ${dataLength} data bytes in the file (truncated file)`);
  }
  const expected = elementCount(shape) * DTYPES[dtype].bytes;
  if (end - begin !== expected) {
    fail(
      `tensor "${name}": data_offsets [${begin}, ${end}] span ${end - begin} bytes but ${dtype} shape ` +
        `[${shape.join(', ')}] needs ${expected}`,
    );
  }
  return { name, dtype, shape: [...shape], begin, end };
}

function checkOverlaps(entries: HeaderEntry[], fail: (problem: string) => never): void {
  const sorted = [...entries].filter((e) => e.end > e.begin).sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    if (current.begin < previous.end) {
      fail(`tensors "${previous.name}" and "${current.name}" have overlapping data_offsets`);
    }
  }
}
