/**
 * The first right singular vector of the rows (uncentred, as SIF removes it), by power iteration
 * on the d × d Gram matrix from a fixed start: deterministic, and d is small.
 */
export function commonComponent(rows: readonly Float32Array[], dimensions: number, iterations = 200): Float32Array {
  const gram = new Float64Array(dimensions * dimensions);
  for (const row of rows) {
    for (let i = 0; i < dimensions; i++) for (let j = 0; j < dimensions; j++) gram[i * dimensions + j]! += row[i]! * row[j]!;
  }
  let v = new Float64Array(dimensions).fill(1 / Math.sqrt(dimensions));
  for (let it = 0; it < iterations; it++) {
    const next = new Float64Array(dimensions);
    for (let i = 0; i < dimensions; i++) for (let j = 0; j < dimensions; j++) next[i]! += gram[i * dimensions + j]! * v[j]!;
    const norm = Math.hypot(...next);
    v = next.map((x) => x / norm);
  }
  return Float32Array.from(v);
}
