/**
 * Windowed co-occurrence counts of vocabulary words, in an open-addressing hash table of typed
 * arrays (tens of millions of pairs without a JS Map's per-entry cost), returned as CSR rows.
 * Out-of-vocabulary words are dropped before windowing, as word2vec does; a context word at
 * distance d ≤ window counts (window − d + 1) / window, word2vec's dynamic window in expectation.
 */
export interface SparseRows {
  rows: number;
  cols: number;
  /** rows + 1 offsets into cols/values */
  rowStart: Int32Array;
  colIndex: Int32Array;
  values: Float32Array;
}

class PairCounts {
  private keys: Uint32Array;
  private values: Float32Array;
  private mask: number;
  private shift: number;
  size = 0;

  constructor(capacityLog2: number) {
    this.keys = new Uint32Array(2 ** capacityLog2);
    this.values = new Float32Array(2 ** capacityLog2);
    this.mask = 2 ** capacityLog2 - 1;
    this.shift = 32 - capacityLog2;
  }

  /** `key` < 2³² − 1; stored as key + 1 so 0 marks an empty slot. */
  add(key: number, value: number): void {
    const stored = key + 1;
    // Fibonacci hashing: the product's high bits mix every bit of the key.
    let slot = Math.imul(stored, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const held = this.keys[slot]!;
      if (held === stored) {
        this.values[slot]! += value;
        return;
      }
      if (held === 0) {
        this.keys[slot] = stored;
        this.values[slot] = value;
        this.size += 1;
        if (this.size > 0.7 * this.keys.length) this.grow();
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.values = new Float32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    this.shift -= 1;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.add(keys[i]! - 1, values[i]!);
  }

  *entries(): Generator<[key: number, value: number]> {
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== 0) yield [this.keys[i]! - 1, this.values[i]!];
  }
}

export function countCooccurrences(lines: Iterable<Int32Array>, vocabularySize: number, window: number): SparseRows {
  if (vocabularySize ** 2 >= 2 ** 32 - 1) throw new RangeError(`vocabulary of ${vocabularySize} words is too large for 32-bit pair keys`);
  const pairs = new PairCounts(22);
  for (const ids of lines) {
    for (let i = 0; i < ids.length; i++) {
      const word = ids[i]!;
      for (let d = 1; d <= window && i + d < ids.length; d++) {
        const context = ids[i + d]!;
        const weight = (window - d + 1) / window;
        pairs.add(word * vocabularySize + context, weight);
        pairs.add(context * vocabularySize + word, weight);
      }
    }
  }
  return toRows(pairs, vocabularySize);
}

function toRows(pairs: PairCounts, n: number): SparseRows {
  const rowStart = new Int32Array(n + 1);
  for (const [key] of pairs.entries()) rowStart[Math.floor(key / n) + 1]! += 1;
  for (let r = 0; r < n; r++) rowStart[r + 1]! += rowStart[r]!;
  const fill = rowStart.slice(0, n);
  const colIndex = new Int32Array(pairs.size);
  const values = new Float32Array(pairs.size);
  for (const [key, value] of pairs.entries()) {
    const row = Math.floor(key / n);
    const at = fill[row]!++;
    colIndex[at] = key % n;
    values[at] = value;
  }
  // Columns ascending within each row: the same matrix whatever the hash order.
  for (let r = 0; r < n; r++) sortRow(colIndex, values, rowStart[r]!, rowStart[r + 1]!);
  return { rows: n, cols: n, rowStart, colIndex, values };
}

function sortRow(cols: Int32Array, values: Float32Array, start: number, end: number): void {
  const order = Array.from({ length: end - start }, (_, i) => start + i).sort((a, b) => cols[a]! - cols[b]!);
  const c = order.map((i) => cols[i]!);
  const v = order.map((i) => values[i]!);
  cols.set(c, start);
  values.set(v, start);
}
