/** out = transpose of a row-major [rows, cols] matrix, in cache-sized blocks. */
export function transposeInto(matrix: Float32Array, out: Float32Array, rows: number, cols: number): void {
  const block = 32;
  for (let r0 = 0; r0 < rows; r0 += block) {
    const rEnd = Math.min(rows, r0 + block);
    for (let c0 = 0; c0 < cols; c0 += block) {
      const cEnd = Math.min(cols, c0 + block);
      for (let r = r0; r < rEnd; r++) {
        for (let c = c0; c < cEnd; c++) out[c * rows + r] = matrix[r * cols + c]!;
      }
    }
  }
}

/** The transpose of a row-major [rows, cols] matrix. */
export function transpose(matrix: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  transposeInto(matrix, out, rows, cols);
  return out;
}
