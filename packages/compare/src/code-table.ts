import type { ActivationSource } from '@atlas/activations';
import { createEncoder, type SaeWeights, type SparseCodes } from '@atlas/sae';
import { CompareError } from './compare-error.ts';
import { breathe, throwIfAborted } from './control.ts';
import type { RunControl } from './result.ts';

/**
 * Sparse codes of one SAE over a token stream, compressed-row: row r's firing latents are
 * `indices[offsets[r] .. offsets[r + 1])` with their `values` (only nonzero values are kept).
 * The same layout read by feature (`byFeature`) lists, per latent, the rows it fires on.
 * Memory: 8 bytes per firing (1M tokens × k 32 ≈ 256 MB).
 */
export interface CodeTable {
  rows: number;
  width: number;
  offsets: Uint32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** Appends encoder output (rows × slots, zeros dropped) into a growing CodeTable. */
export class CodeTableBuilder {
  private offsets: Uint32Array;
  private indices: Int32Array;
  private values: Float32Array;
  private rows = 0;
  private nonzero = 0;

  constructor(readonly width: number, expectedRows = 1024, expectedPerRow = 32) {
    this.offsets = new Uint32Array(expectedRows + 1);
    this.indices = new Int32Array(expectedRows * expectedPerRow);
    this.values = new Float32Array(expectedRows * expectedPerRow);
  }

  add(codes: SparseCodes, rows: number): void {
    const slots = rows > 0 ? codes.indices.length / rows : 0;
    if (this.offsets.length < this.rows + rows + 1) this.offsets = grow(this.offsets, this.rows + rows + 1);
    if (this.indices.length < this.nonzero + rows * slots) {
      this.indices = grow(this.indices, this.nonzero + rows * slots);
      this.values = grow(this.values, this.nonzero + rows * slots);
    }
    for (let r = 0; r < rows; r++) {
      for (let s = 0; s < slots; s++) {
        const value = codes.values[r * slots + s]!;
        if (value === 0) continue;
        this.indices[this.nonzero] = codes.indices[r * slots + s]!;
        this.values[this.nonzero++] = value;
      }
      this.offsets[++this.rows] = this.nonzero;
    }
  }

  finish(): CodeTable {
    return {
      rows: this.rows,
      width: this.width,
      offsets: this.offsets.slice(0, this.rows + 1),
      indices: this.indices.slice(0, this.nonzero),
      values: this.values.slice(0, this.nonzero),
    };
  }
}

function grow<T extends Uint32Array | Int32Array | Float32Array>(array: T, needed: number): T {
  const next = new (array.constructor as new (length: number) => T)(Math.max(needed, Math.ceil(array.length * 1.5)));
  next.set(array);
  return next;
}

/** The same codes listed by latent: `rows` = width, and each entry's index is the token row it fires on. */
export function byFeature(table: CodeTable): CodeTable {
  const { width, offsets, indices, values } = table;
  const counts = new Uint32Array(width + 1);
  for (const index of indices) counts[index + 1]!++;
  for (let j = 0; j < width; j++) counts[j + 1]! += counts[j]!;
  const cursor = counts.slice(0, width);
  const rowsOut = new Int32Array(indices.length);
  const valuesOut = new Float32Array(indices.length);
  for (let r = 0; r < table.rows; r++) {
    for (let p = offsets[r]!; p < offsets[r + 1]!; p++) {
      const slot = cursor[indices[p]!]!++;
      rowsOut[slot] = r;
      valuesOut[slot] = values[p]!;
    }
  }
  return { rows: width, width: table.rows, offsets: counts, indices: rowsOut, values: valuesOut };
}

/** Per latent over all rows (zeros included): firings, Σx and Σx². */
export interface FeatureMoments {
  count: Uint32Array;
  sum: Float64Array;
  sumSq: Float64Array;
}

export function featureMoments(table: CodeTable): FeatureMoments {
  const count = new Uint32Array(table.width);
  const sum = new Float64Array(table.width);
  const sumSq = new Float64Array(table.width);
  table.indices.forEach((j, p) => {
    const x = table.values[p]!;
    count[j]!++;
    sum[j]! += x;
    sumSq[j]! += x * x;
  });
  return { count, sum, sumSq };
}

export interface EncodeOptions extends RunControl {
  /** Rows read and encoded at a time (default 4096). */
  batchRows?: number;
  /** Only the first `rows` rows of the source (default all). */
  rows?: number;
}

/** An SAE's codes over an activation source (its rows read in batches, never whole). */
export async function encodeSource(sae: SaeWeights, source: ActivationSource, options: EncodeOptions = {}): Promise<CodeTable> {
  if (source.dIn !== sae.cfg.dIn) {
    throw new CompareError(`The activations have width ${source.dIn} but the SAE reads d_in ${sae.cfg.dIn}: encode it on its own hook's activations.`);
  }
  const rows = Math.min(options.rows ?? source.rows, source.rows);
  const batchRows = options.batchRows ?? 4096;
  const encoder = await createEncoder(sae, { batchSize: batchRows, ...(options.threads ? { threads: options.threads } : {}) });
  const builder = new CodeTableBuilder(sae.cfg.width, rows, encoder.slots);
  const buffer = new Float32Array(batchRows * source.dIn);
  try {
    for (let start = 0; start < rows; start += batchRows) {
      throwIfAborted(options);
      const count = Math.min(batchRows, rows - start);
      const x = buffer.subarray(0, count * source.dIn);
      await source.read(start, count, x);
      builder.add(await encoder.encode(x, count), count);
      options.onProgress?.({ stage: 'encode', done: start + count, total: rows });
      await breathe();
    }
  } finally {
    await encoder.close();
  }
  return builder.finish();
}
