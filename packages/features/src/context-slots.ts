/** One context shown for a feature: its maximum, where, and the feature's value at every position it fired. */
export interface ContextExample {
  contextIndex: number;
  maxValue: number;
  maxPosition: number;
  positions: number[];
  values: number[];
}

/**
 * Per-feature lists of contexts (top lists or quantile samples) as flat typed arrays: entry e
 * belongs to `feature[e]`, and its positions and values are [offsets[e], offsets[e + 1]).
 */
export interface FlatContexts {
  feature: Int32Array;
  contextIndex: Int32Array;
  maxValue: Float32Array;
  maxPosition: Int32Array;
  offsets: Int32Array;
  positions: Int32Array;
  values: Float32Array;
}

/**
 * A fixed number of slots, each holding one ContextExample, stored in typed arrays: per-slot
 * fields in columns and every slot's positions and values in one shared pool. At 16k features
 * the statistics pass keeps 120 contexts each (top 20 + a 100-context sample), about 2M entries:
 * as JS objects with two arrays each they took ~300 MB of heap and most of the pass's garbage
 * collection; here a slot costs 24 bytes plus 8 per fired position. A replaced slot's span
 * becomes garbage in the pool; the pool is compacted (and resized to twice what is live) when
 * it runs out, so appends stay amortised O(1) and memory stays within about twice the live data.
 */
export class ContextSlots {
  readonly contextIndex: Int32Array;
  readonly maxValue: Float32Array;
  readonly maxPosition: Int32Array;
  private readonly spanStart: Float64Array;
  private readonly spanLength: Int32Array;
  private positionPool: Int32Array;
  private valuePool: Float32Array;
  private used = 0;
  private live = 0;

  constructor(readonly slotCount: number) {
    this.contextIndex = new Int32Array(slotCount);
    this.maxValue = new Float32Array(slotCount);
    this.maxPosition = new Int32Array(slotCount);
    this.spanStart = new Float64Array(slotCount);
    this.spanLength = new Int32Array(slotCount);
    this.positionPool = new Int32Array(Math.max(1024, slotCount));
    this.valuePool = new Float32Array(this.positionPool.length);
  }

  /** Stores an example in `slot`, replacing what was there (positions and values are copied). */
  set(
    slot: number, contextIndex: number, maxValue: number, maxPosition: number,
    positions: ArrayLike<number>, values: ArrayLike<number>,
  ): void {
    const count = positions.length;
    this.live -= this.spanLength[slot]!;
    this.spanLength[slot] = 0;
    if (this.used + count > this.positionPool.length) this.compact(count);
    const start = this.used;
    for (let i = 0; i < count; i += 1) {
      this.positionPool[start + i] = positions[i]!;
      this.valuePool[start + i] = values[i]!;
    }
    this.used += count;
    this.live += count;
    this.contextIndex[slot] = contextIndex;
    this.maxValue[slot] = maxValue;
    this.maxPosition[slot] = maxPosition;
    this.spanStart[slot] = start;
    this.spanLength[slot] = count;
  }

  /** The example in `slot` as a fresh object (the caller owns its arrays). */
  get(slot: number): ContextExample {
    const { positions, values } = this.span(slot);
    return {
      contextIndex: this.contextIndex[slot]!,
      maxValue: this.maxValue[slot]!,
      maxPosition: this.maxPosition[slot]!,
      positions: Array.from(positions),
      values: Array.from(values),
    };
  }

  /** Views (not copies) of the slot's positions and values: valid until the next `set`. */
  span(slot: number): { positions: Int32Array; values: Float32Array } {
    const start = this.spanStart[slot]!;
    const end = start + this.spanLength[slot]!;
    return { positions: this.positionPool.subarray(start, end), values: this.valuePool.subarray(start, end) };
  }

  /** Copies every slot's span to the front of a pool sized to twice the live data plus `incoming`. */
  private compact(incoming: number): void {
    const capacity = Math.max(1024, 2 * (this.live + incoming));
    const positions = new Int32Array(capacity);
    const values = new Float32Array(capacity);
    let to = 0;
    for (let slot = 0; slot < this.slotCount; slot += 1) {
      const start = this.spanStart[slot]!;
      const length = this.spanLength[slot]!;
      if (length === 0) continue;
      positions.set(this.positionPool.subarray(start, start + length), to);
      values.set(this.valuePool.subarray(start, start + length), to);
      this.spanStart[slot] = to;
      to += length;
    }
    this.positionPool = positions;
    this.valuePool = values;
    this.used = to;
  }
}

/** Flattens per-feature lists of slots (`slotLists[feature]`, in order) without making an object per entry. */
export function flattenSlots(slots: ContextSlots, slotLists: readonly (readonly number[])[]): FlatContexts {
  let entries = 0;
  let positions = 0;
  for (const list of slotLists) {
    entries += list.length;
    for (const slot of list) positions += slots.span(slot).positions.length;
  }
  const flat: FlatContexts = {
    feature: new Int32Array(entries),
    contextIndex: new Int32Array(entries),
    maxValue: new Float32Array(entries),
    maxPosition: new Int32Array(entries),
    offsets: new Int32Array(entries + 1),
    positions: new Int32Array(positions),
    values: new Float32Array(positions),
  };
  let e = 0;
  let p = 0;
  slotLists.forEach((list, feature) => {
    for (const slot of list) {
      const span = slots.span(slot);
      flat.feature[e] = feature;
      flat.contextIndex[e] = slots.contextIndex[slot]!;
      flat.maxValue[e] = slots.maxValue[slot]!;
      flat.maxPosition[e] = slots.maxPosition[slot]!;
      flat.offsets[e] = p;
      flat.positions.set(span.positions, p);
      flat.values.set(span.values, p);
      p += span.positions.length;
      e += 1;
    }
  });
  flat.offsets[e] = p;
  return flat;
}

/** Calls `visit(feature, entry)` for every entry, in the order flattened. */
export function unflattenContexts(flat: FlatContexts, visit: (feature: number, entry: ContextExample) => void): void {
  for (let e = 0; e < flat.feature.length; e += 1) {
    const start = flat.offsets[e]!;
    const end = flat.offsets[e + 1]!;
    visit(flat.feature[e]!, {
      contextIndex: flat.contextIndex[e]!,
      maxValue: flat.maxValue[e]!,
      maxPosition: flat.maxPosition[e]!,
      positions: Array.from(flat.positions.subarray(start, end)),
      values: Array.from(flat.values.subarray(start, end)),
    });
  }
}
