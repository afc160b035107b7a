/** One context in a feature's top list, with the feature's value at every position it fired. */
export interface TopContext {
  contextIndex: number;
  maxValue: number;
  maxPosition: number;
  positions: number[];
  values: number[];
}

/** The total order of top lists: stronger first, then the earlier context. Shards merge exactly under it. */
export const strongerFirst = (a: TopContext, b: TopContext) => b.maxValue - a.maxValue || a.contextIndex - b.contextIndex;

/**
 * Keeps, for every feature, the `capacity` contexts first in `strongerFirst` order. Bounded
 * memory: width × capacity entries. Replacing the weakest entry is O(capacity), which beats a
 * heap at capacity 20 and keeps the code obvious. Because the order is total, the lists of
 * disjoint shards merge into exactly the list of one pass over all of them.
 */
export class TopContextTracker {
  private readonly entries: (TopContext | undefined)[];
  private readonly sizes: Uint16Array;
  private readonly weakest: Float32Array;

  constructor(
    readonly width: number,
    readonly capacity: number,
  ) {
    this.entries = new Array<TopContext | undefined>(width * capacity);
    this.sizes = new Uint16Array(width);
    this.weakest = new Float32Array(width);
  }

  /**
   * Would a context whose maximum is `value` enter this feature's list? Exact for contexts
   * offered in increasing index order (a tie with the weakest loses to the earlier context).
   */
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
      // The last entry in strongerFirst order leaves, if the candidate comes before it.
      let weakestSlot = 0;
      for (let slot = 1; slot < this.capacity; slot += 1) {
        if (strongerFirst(this.entries[base + slot]!, this.entries[base + weakestSlot]!) > 0) weakestSlot = slot;
      }
      if (strongerFirst(candidate, this.entries[base + weakestSlot]!) >= 0) return;
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
    return (this.entries.slice(base, base + this.sizes[feature]!) as TopContext[]).sort(strongerFirst);
  }

  /** Adds another tracker's lists (a disjoint shard of contexts) into this one. */
  merge(other: TopContextTracker): void {
    if (other.width !== this.width || other.capacity !== this.capacity) {
      throw new Error(`Cannot merge top-context lists of width/capacity ${other.width}/${other.capacity} into ${this.width}/${this.capacity}.`);
    }
    for (let feature = 0; feature < this.width; feature += 1) {
      for (const entry of other.top(feature)) this.offer(feature, entry);
    }
  }
}
