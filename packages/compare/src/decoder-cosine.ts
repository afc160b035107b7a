import { matchAtoms, type AtomMatchOptions } from './atom-matching.ts';
import { checkDictionary, requireSameSpace, unitRows, type Dictionary } from './dictionary.ts';
import type { ComparisonResult } from './result.ts';

/**
 * Same residual space (one model and hook; any widths, architectures or seeds): decoder rows
 * matched by cosine. Refuses SAEs of different d_in, model or hook (use activation correlation).
 */
export async function compareDecoders(a: Dictionary, b: Dictionary, options: AtomMatchOptions = {}): Promise<ComparisonResult> {
  checkDictionary(a);
  checkDictionary(b);
  requireSameSpace(a, b, 'Decoder-cosine matching');
  const atoms = { a: unitRows(a.W_dec, a.width, a.dIn), widthA: a.width, b: unitRows(b.W_dec, b.width, b.dIn), widthB: b.width, d: a.dIn };
  const { result } = await matchAtoms(atoms, 'decoder-cosine', options);
  result.summary.params.a = a.id;
  result.summary.params.b = b.id;
  return result;
}
