import type { SparseCodes } from '../types.ts';

/**
 * Sparse codes from a matching pursuit trajectory ([rows, steps] coefficients and atoms, an atom
 * may be chosen more than once): each atom's coefficients are summed into one slot, slots are
 * ordered largest first, and the slots left over get value 0 and the lowest atoms not in the
 * row, so a row's indices are distinct as TopK's are (consumers read a latent once per row).
 */
export function mergeMpSteps(trajectory: SparseCodes, rows: number, steps: number, out?: SparseCodes): SparseCodes {
  const indices = out?.indices ?? new Int32Array(rows * steps);
  const values = out?.values ?? new Float32Array(rows * steps);
  for (let i = 0; i < rows; i++) {
    const o = i * steps;
    let used = 0;
    for (let t = 0; t < steps; t++) {
      const a = trajectory.values[o + t]!;
      if (!(a > 0)) continue;
      const j = trajectory.indices[o + t]!;
      let slot = o;
      while (slot < o + used && indices[slot] !== j) slot++;
      if (slot === o + used) {
        // Insert a new atom (its sum is only known later, so order once the row is done).
        indices[slot] = j;
        values[slot] = 0;
        used++;
      }
      values[slot] = values[slot]! + a;
    }
    sortRowDescending(indices, values, o, used);
    let free = 0;
    for (let slot = o + used; slot < o + steps; slot++) {
      while (rowHas(indices, o, used, free)) free++;
      indices[slot] = free++;
      values[slot] = 0;
    }
  }
  return { indices, values };
}

function rowHas(indices: Int32Array, start: number, count: number, j: number): boolean {
  for (let s = start; s < start + count; s++) if (indices[s] === j) return true;
  return false;
}

/** Insertion sort of `count` slots from `start` by value, largest first (k is small). */
function sortRowDescending(indices: Int32Array, values: Float32Array, start: number, count: number): void {
  for (let s = start + 1; s < start + count; s++) {
    const value = values[s]!;
    const index = indices[s]!;
    let p = s - 1;
    while (p >= start && values[p]! < value) {
      values[p + 1] = values[p]!;
      indices[p + 1] = indices[p]!;
      p--;
    }
    values[p + 1] = value;
    indices[p + 1] = index;
  }
}
