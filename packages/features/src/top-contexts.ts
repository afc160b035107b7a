import { ContextSlots, flattenSlots, type ContextExample, type FlatContexts } from './context-slots.ts';

/** One context in a feature's top list, with the feature's value at every position it fired. */
export type TopContext = ContextExample;

/**
 * Keeps, for every feature, the `capacity` contexts first in the order of top lists: the larger
 * maximum first, then the earlier context. Bounded memory: width × capacity slots (typed arrays,
 * see ContextSlots). Replacing the weakest entry is O(capacity), which beats a heap at capacity
 * 20 and keeps the code obvious. Because the order is total, the lists of disjoint shards merge
 * into exactly the list of one pass over all of them.
 */
export class TopContextTracker {
  private readonly slots: ContextSlots;
  private readonly sizes: Uint16Array;
  private readonly weakest: Float32Array;

  constructor(
    readonly width: number,
    readonly capacity: number,
  ) {
    this.slots = new ContextSlots(width * capacity);
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

  /** Offers a context; `positions` and `values` are copied if it is kept. */
  offer(
    feature: number, contextIndex: number, maxValue: number, maxPosition: number,
    positions: ArrayLike<number>, values: ArrayLike<number>,
  ): void {
    const { slots } = this;
    maxValue = Math.fround(maxValue); // compared with stored float32 maxima
    const base = feature * this.capacity;
    const size = this.sizes[feature]!;
    let slot = base + size;
    if (size < this.capacity) {
      this.sizes[feature] = size + 1;
    } else {
      // The last slot in that order leaves, if the candidate comes before it.
      slot = base;
      for (let at = base + 1; at < base + this.capacity; at += 1) {
        const weaker = slots.maxValue[at]! - slots.maxValue[slot]! || slots.contextIndex[slot]! - slots.contextIndex[at]!;
        if (weaker < 0) slot = at;
      }
      const beats = maxValue - slots.maxValue[slot]! || slots.contextIndex[slot]! - contextIndex;
      if (beats <= 0) return;
    }
    slots.set(slot, contextIndex, maxValue, maxPosition, positions, values);
    let weakestValue = Infinity;
    for (let at = base; at < base + this.sizes[feature]!; at += 1) weakestValue = Math.min(weakestValue, slots.maxValue[at]!);
    this.weakest[feature] = weakestValue;
  }

  /** Offers a whole example (from another tracker or a serialized state). */
  offerExample(feature: number, example: TopContext): void {
    this.offer(feature, example.contextIndex, example.maxValue, example.maxPosition, example.positions, example.values);
  }

  /** The feature's contexts, strongest first. */
  top(feature: number): TopContext[] {
    return this.orderedSlots(feature).map((slot) => this.slots.get(slot));
  }

  /** Every feature's list, strongest first, as typed arrays. */
  flat(): FlatContexts {
    return flattenSlots(this.slots, Array.from({ length: this.width }, (_, feature) => this.orderedSlots(feature)));
  }

  private orderedSlots(feature: number): number[] {
    const { maxValue, contextIndex } = this.slots;
    const base = feature * this.capacity;
    return Array.from({ length: this.sizes[feature]! }, (_, slot) => base + slot)
      .sort((a, b) => maxValue[b]! - maxValue[a]! || contextIndex[a]! - contextIndex[b]!);
  }

  /** Adds another tracker's lists (a disjoint shard of contexts) into this one. */
  merge(other: TopContextTracker): void {
    if (other.width !== this.width || other.capacity !== this.capacity) {
      throw new Error(`Cannot merge top-context lists of width/capacity ${other.width}/${other.capacity} into ${this.width}/${this.capacity}.`);
    }
    for (let feature = 0; feature < this.width; feature += 1) {
      for (const slot of other.orderedSlots(feature)) {
        const { positions, values } = other.slots.span(slot);
        this.offer(feature, other.slots.contextIndex[slot]!, other.slots.maxValue[slot]!, other.slots.maxPosition[slot]!, positions, values);
      }
    }
  }
}
