import { ActivationFileError } from './activation-file-error.ts';

/**
 * Rows of training or evaluation activations, read on demand so a set larger than memory can
 * stream from disk. Implementations: `inMemorySource` here; file-backed sources (safetensors,
 * `.npy`, several shards in order) in `open-activation-source.ts`.
 */
export interface ActivationSource {
  /** Total rows across all shards. */
  readonly rows: number;
  readonly dIn: number;
  /** Where the rows come from, for error messages ("acts-000.safetensors, acts-001.npy"). */
  readonly description: string;
  /**
   * Copies rows [start, start + count) into `out` (length ≥ count · dIn) as row-major float32.
   * Rejects with an error naming the file and row when a value is NaN or ±Inf.
   */
  read(start: number, count: number, out: Float32Array): Promise<void>;
  /** Releases open file handles (a no-op in memory). */
  close(): Promise<void>;
}

/** Wraps an in-memory row-major [rows, dIn] matrix. */
export function inMemorySource(activations: Float32Array, rows: number, dIn: number): ActivationSource {
  if (activations.length !== rows * dIn) {
    throw new ActivationFileError(`activations has ${activations.length} values; expected rows · dIn = ${rows} · ${dIn}.`);
  }
  return {
    rows,
    dIn,
    description: 'in-memory activations',
    async read(start, count, out) {
      if (start < 0 || count < 0 || start + count > rows) {
        throw new ActivationFileError(`rows [${start}, ${start + count}) are outside the ${rows} in-memory rows.`);
      }
      out.set(activations.subarray(start * dIn, (start + count) * dIn));
    },
    async close() {},
  };
}
