/** Sparse SAE codes for a block of token rows: row r holds k (index, value) pairs. */
export interface SparseCodes {
  /** Feature indices, row-major [rows, k]. */
  indices: Int32Array;
  /** Activation values, row-major [rows, k]; 0 means the slot did not fire. */
  values: Float32Array;
  k: number;
}
