import type { SaeWeights } from '@atlas/sae';
import { CompareError } from './compare-error.ts';

/** A set of atoms (decoder rows) in one space: an SAE's W_dec, or any basis (e.g. MLP neurons' output directions). */
export interface Dictionary {
  /** Readable id, used in messages. */
  id: string;
  /** Row-major [width, dIn]. */
  W_dec: Float32Array;
  width: number;
  dIn: number;
  /** Model and hook the atoms live in, when known: decoder directions compare only within one space. */
  modelId?: string;
  hookName?: string;
}

export function dictionaryOf(sae: SaeWeights, id = `${sae.cfg.modelId}/${sae.cfg.hookName}/${sae.cfg.architecture}-${sae.cfg.width}`): Dictionary {
  const { width, dIn, modelId, hookName } = sae.cfg;
  return { id, W_dec: sae.W_dec, width, dIn, modelId, hookName };
}

export function checkDictionary(dictionary: Dictionary): void {
  const { id, W_dec, width, dIn } = dictionary;
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(dIn) || dIn < 1 || W_dec.length !== width * dIn) {
    throw new CompareError(`${id}: W_dec has ${W_dec.length} values, not width × d_in = ${width} × ${dIn}.`);
  }
}

/**
 * Refuses a decoder-direction comparison across spaces: directions in two residual streams (or two
 * hooks) share no basis, so their cosines mean nothing — activation correlation compares those.
 */
export function requireSameSpace(a: Dictionary, b: Dictionary, method: string): void {
  const suggestion = 'Compare them by activation correlation over a shared corpus instead (method activation-correlation).';
  if (a.dIn !== b.dIn) {
    throw new CompareError(`${method} needs SAEs on the same activations, but ${a.id} has d_in ${a.dIn} and ${b.id} has d_in ${b.dIn}. ${suggestion}`);
  }
  const differs = (x?: string, y?: string) => x !== undefined && y !== undefined && x !== y;
  if (differs(a.modelId, b.modelId) || differs(a.hookName, b.hookName)) {
    throw new CompareError(
      `${method} needs SAEs on the same model and hook, but ${a.id} reads ${a.modelId} ${a.hookName} and ${b.id} reads ` +
        `${b.modelId} ${b.hookName}: their decoder directions live in different spaces. ${suggestion}`,
    );
  }
}

/** Rows scaled to unit length (zero rows stay zero, so their cosine with anything is 0). */
export function unitRows(matrix: Float32Array, rows: number, columns: number): Float32Array {
  const out = new Float32Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const offset = r * columns;
    let norm = 0;
    for (let c = 0; c < columns; c++) norm += matrix[offset + c]! ** 2;
    if (norm === 0) continue;
    const scale = 1 / Math.sqrt(norm);
    for (let c = 0; c < columns; c++) out[offset + c] = matrix[offset + c]! * scale;
  }
  return out;
}
