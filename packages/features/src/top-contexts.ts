/** One context in a feature's top list, with the feature's value at every position it fired. */
export interface TopContext {
  contextIndex: number;
  maxValue: number;
  maxPosition: number;
  positions: number[];
  values: number[];
}

/**
 * Keeps, for every feature, the `capacity` contexts with the highest maximum activation.
 * Bounded memory: width × capacity entries. Replacing the weakest entry is O(capacity), which
 * beats a heap at capacity 20 and keeps the code obvious.
 */
export class TopContextTracker {
  private readonly entries: (TopContext | undefined)[];
  private readonly sizes: Uint16Array;
  private readonly weakest: Float32Array;

  constructor(
    private readonly width: number,
    private readonly capacity: number,
  ) {
    this.entries = new Array<TopContext | undefined>(width * capacity);
    this.sizes = new Uint16Array(width);
    this.weakest = new Float32Array(width);
  }

  /** Would a context whose maximum is `value` enter this feature's list? */
  admits(feature: number, value: number): boolean {
    return this.sizes[feature]! < this.capacity || value > this.weakest[feature]!;
  }

  offer(feature: number, candidate: TopContext): void {
    const base = feature * this.capacity;
    const size = this.sizes[feature]!;
    if (size < this.capacity) {
      this.entries[base + size] = candidate;
      this.sizes[feature] = size + 1;
    } else {
      if (candidate.maxValue <= this.weakest[feature]!) return;
      let weakestSlot = 0;
      for (let slot = 1; slot < this.capacity; slot += 1) {
        if (this.entries[base + slot]!.maxValue < this.entries[base + weakestSlot]!.maxValue) weakestSlot = slot;
      }
      this.entries[base + weakestSlot] = candidate;
    }
    let weakestValue = Infinity;
    for (let slot = 0; slot < this.sizes[feature]!; slot += 1) {
      weakestValue = Math.min(weakestValue, this.entries[base + slot]!.maxValue);
    }
    this.weakest[feature] = weakestValue;
  }

  /** The feature's contexts, strongest first. */
  top(feature: number): TopContext[] {
    const base = feature * this.capacity;
    return this.entries
      .slice(base, base + this.sizes[feature]!)
      .filter((entry): entry is TopContext => entry !== undefined)
      .sort((a, b) => b.maxValue - a.maxValue || a.contextIndex - b.contextIndex);
  }
}
