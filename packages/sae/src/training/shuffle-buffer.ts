import type { ActivationSource } from '@atlas/activations';
import { mulberry32, permutation } from '@atlas/random';
import { SaeError } from '../sae-error.ts';

/** Default rows held in memory for shuffling (at d_in 512: 512 MiB of float32). */
export const DEFAULT_SHUFFLE_BUFFER_ROWS = 262_144;
/** Rows per `source.read` call, so a file-backed source never reads a whole block at once. */
export const READ_CHUNK_ROWS = 16_384;

/**
 * Shuffled training batches streamed from a source of any size, holding at most `bufferRows`
 * rows. The source is cut into contiguous blocks of `bufferRows` rows; each epoch visits the
 * blocks in a random order and each block's rows in a random order, so every row is seen once
 * per epoch and batches run on across block and epoch boundaries. When the data fits in one
 * block this is a fresh permutation of all rows per epoch.
 *
 * Every permutation is drawn from a PRNG seeded by (seed, epoch, block), so the position after
 * n rows is a pure function of n: `seek(n)` resumes exactly where a run that consumed n rows was.
 */
export class ShuffleBuffer {
  readonly batch: Float32Array;
  private readonly blockRows: number;
  private readonly blockCount: number;
  private readonly block: Float32Array;
  private epoch = 0;
  /** Index into this epoch's block order. */
  private blockIndex = 0;
  /** Rows of the current block already emitted. */
  private position = 0;
  private blockOrder: Int32Array;
  private rowOrder: Int32Array | undefined;

  constructor(
    private readonly source: ActivationSource,
    readonly batchSize: number,
    bufferRows: number,
    private readonly seed: number,
  ) {
    if (!Number.isSafeInteger(bufferRows) || bufferRows < 1) {
      throw new SaeError(`shuffleBufferRows must be a positive integer, got ${bufferRows}.`);
    }
    this.blockRows = Math.min(bufferRows, source.rows);
    this.blockCount = Math.ceil(source.rows / this.blockRows);
    this.block = new Float32Array(this.blockRows * source.dIn);
    this.batch = new Float32Array(batchSize * source.dIn);
    this.blockOrder = this.orderOfBlocks(0);
  }

  /** Positions the stream after `rowsConsumed` rows (as if `next` had returned them). */
  seek(rowsConsumed: number): void {
    const { rows } = this.source;
    this.epoch = Math.floor(rowsConsumed / rows);
    this.blockOrder = this.orderOfBlocks(this.epoch);
    let offset = rowsConsumed - this.epoch * rows;
    this.blockIndex = 0;
    while (offset > 0 && offset >= this.rowsOfBlock(this.blockOrder[this.blockIndex]!)) {
      offset -= this.rowsOfBlock(this.blockOrder[this.blockIndex]!);
      this.blockIndex++;
    }
    this.position = offset;
    this.rowOrder = undefined;
  }

  /** Fills and returns `batch` with the next batchSize rows. */
  async next(): Promise<Float32Array> {
    const { dIn } = this.source;
    for (let b = 0; b < this.batchSize; b++) {
      if (this.blockIndex < this.blockCount && this.position === this.rowsOfBlock(this.blockOrder[this.blockIndex]!)) {
        this.blockIndex++;
        this.position = 0;
        this.rowOrder = undefined;
      }
      if (this.blockIndex === this.blockCount) {
        this.epoch++;
        this.blockOrder = this.orderOfBlocks(this.epoch);
        this.blockIndex = 0;
      }
      if (!this.rowOrder) await this.load();
      const row = this.rowOrder![this.position++]!;
      this.batch.set(this.block.subarray(row * dIn, (row + 1) * dIn), b * dIn);
    }
    return this.batch;
  }

  private rowsOfBlock(block: number): number {
    return Math.min(this.blockRows, this.source.rows - block * this.blockRows);
  }

  private orderOfBlocks(epoch: number): Int32Array {
    return permutation(this.blockCount, mulberry32(mixSeed(this.seed, epoch, -1)));
  }

  /** Reads the current block in chunks, checks it is finite, and draws its row order. */
  private async load(): Promise<void> {
    const block = this.blockOrder[this.blockIndex]!;
    const start = block * this.blockRows;
    const count = this.rowsOfBlock(block);
    await readRows(this.source, start, count, this.block);
    this.rowOrder = permutation(count, mulberry32(mixSeed(this.seed, this.epoch, block)));
  }
}

/**
 * Copies rows [start, start + count) into `out` in reads of at most READ_CHUNK_ROWS rows,
 * then checks every value is finite, naming the source and row of the first that is not.
 */
export async function readRows(source: ActivationSource, start: number, count: number, out: Float32Array): Promise<void> {
  const { dIn } = source;
  for (let done = 0; done < count; done += READ_CHUNK_ROWS) {
    const rows = Math.min(READ_CHUNK_ROWS, count - done);
    await source.read(start + done, rows, out.subarray(done * dIn, (done + rows) * dIn));
  }
  for (let i = 0; i < count * dIn; i++) {
    const value = out[i]!;
    if (value - value !== 0) {
      const row = start + Math.floor(i / dIn);
      throw new SaeError(
        `${source.description}: row ${row} (column ${i % dIn}) is ${Number.isNaN(value) ? 'NaN' : 'infinite'}; ` +
          'training needs finite activations (re-extract them, or drop that shard).',
      );
    }
  }
}

/**
 * `count` rows spread evenly over the source (all of it when count = rows), e.g. for the
 * evaluation sample, b_dec's initial mean and the expected_average_only_in factor.
 */
export async function readSpreadRows(source: ActivationSource, count: number): Promise<Float32Array> {
  const { rows, dIn } = source;
  const out = new Float32Array(count * dIn);
  if (count === rows) {
    await readRows(source, 0, rows, out);
    return out;
  }
  for (let i = 0; i < count; i++) {
    await readRows(source, Math.floor((i * rows) / count), 1, out.subarray(i * dIn, (i + 1) * dIn));
  }
  return out;
}

/** A PRNG seed for one (seed, epoch, block) triple (block −1: the epoch's block order). */
function mixSeed(seed: number, epoch: number, block: number): number {
  let h = Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1);
  h = Math.imul(h ^ (epoch + 1), 0x85ebca6b);
  h = Math.imul(h ^ (block + 2), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
