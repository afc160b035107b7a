/**
 * The (row, value) pairs of a block of sparse codes, grouped by latent with a stable counting
 * sort: within a latent the rows stay in the order they were added. The backward pass then
 * accumulates each latent's gradient rows in one go while they sit in cache, instead of
 * visiting k random gradient rows per sample; since each latent still sums its rows in
 * ascending order, the result is bit-identical to the per-row order.
 */
export class LatentGroups {
  /** After `group`: latent j's pairs are at [start[j], start[j + 1]) of `rows` and `values`. */
  start = new Int32Array(1);
  rows = new Int32Array(0);
  values = new Float32Array(0);
  private latentOf = new Int32Array(0);
  private rowOf = new Int32Array(0);
  private valueOf = new Float32Array(0);
  private count = 0;

  /** Empties the groups and makes room for `pairs` pairs. */
  clear(pairs: number): void {
    this.count = 0;
    if (this.latentOf.length >= pairs) return;
    this.latentOf = new Int32Array(pairs);
    this.rowOf = new Int32Array(pairs);
    this.valueOf = new Float32Array(pairs);
    this.rows = new Int32Array(pairs);
    this.values = new Float32Array(pairs);
  }

  add(latent: number, row: number, value: number): void {
    const at = this.count++;
    this.latentOf[at] = latent;
    this.rowOf[at] = row;
    this.valueOf[at] = value;
  }

  /** Sorts the pairs added since `clear` by latent (`width` latents). */
  group(width: number): void {
    if (this.start.length !== width + 1) this.start = new Int32Array(width + 1);
    const { start, latentOf, rowOf, valueOf, rows, values, count } = this;
    start.fill(0);
    for (let p = 0; p < count; p++) {
      const next = latentOf[p]! + 1;
      start[next] = start[next]! + 1;
    }
    for (let j = 0; j < width; j++) start[j + 1] = start[j + 1]! + start[j]!;
    // Place each pair at its latent's next free slot; start[j] advances to start[j + 1] as it fills…
    for (let p = 0; p < count; p++) {
      const latent = latentOf[p]!;
      const at = start[latent]!;
      start[latent] = at + 1;
      rows[at] = rowOf[p]!;
      values[at] = valueOf[p]!;
    }
    // …so shifting by one restores the starts.
    start.copyWithin(1, 0, width);
    start[0] = 0;
  }
}
