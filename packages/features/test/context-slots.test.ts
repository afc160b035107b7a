import { describe, expect, it } from 'vitest';
import { ContextSlots } from '../src/context-slots.ts';

describe('ContextSlots', () => {
  it('returns exactly what was last stored in every slot through many replacements and pool compactions', () => {
    const slotCount = 300;
    const slots = new ContextSlots(slotCount);
    const expected = new Map<number, { contextIndex: number; maxValue: number; maxPosition: number; positions: number[]; values: number[] }>();
    let state = 12345;
    const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let step = 0; step < 20_000; step += 1) {
      const slot = Math.floor(random() * slotCount);
      const length = Math.floor(random() * 40); // empty spans too
      const positions = Array.from({ length }, (_, i) => i * 3 + step % 3);
      const values = positions.map((p) => Math.fround(p / 7 + step));
      const example = { contextIndex: step, maxValue: Math.fround(step + 0.5), maxPosition: length, positions, values };
      slots.set(slot, step, example.maxValue, length, positions, values);
      expected.set(slot, example);
    }
    for (const [slot, example] of expected) expect(slots.get(slot)).toEqual(example);
  });

  it('gives callers their own arrays', () => {
    const slots = new ContextSlots(2);
    slots.set(0, 7, 1.5, 2, [2, 3], [1.5, 0.5]);
    const first = slots.get(0);
    first.positions.push(99);
    expect(slots.get(0).positions).toEqual([2, 3]);
  });
});
