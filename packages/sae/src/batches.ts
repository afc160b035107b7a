import { permutation } from './random.ts';

/**
 * Shuffled training batches: each epoch visits every row once in a fresh random order, and
 * batches run on across epoch boundaries, so every batch has exactly `batchSize` rows.
 */
export class BatchSampler {
  private order: Int32Array;
  private position = 0;
  readonly batch: Float32Array;

  constructor(
    private readonly data: Float32Array,
    private readonly rows: number,
    private readonly dIn: number,
    readonly batchSize: number,
    private readonly uniform: () => number,
  ) {
    this.order = permutation(rows, uniform);
    this.batch = new Float32Array(batchSize * dIn);
  }

  /** Fills and returns `batch` with the next batchSize rows. */
  next(): Float32Array {
    const { dIn } = this;
    for (let b = 0; b < this.batchSize; b++) {
      if (this.position === this.rows) {
        this.order = permutation(this.rows, this.uniform);
        this.position = 0;
      }
      const row = this.order[this.position++]!;
      this.batch.set(this.data.subarray(row * dIn, (row + 1) * dIn), b * dIn);
    }
    return this.batch;
  }
}
