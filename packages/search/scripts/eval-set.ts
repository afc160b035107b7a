/** The committed evaluation set: queries over the demo atlas with the features they should find. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const EVAL_SET_PATH = fileURLToPath(new URL('../eval/demo-queries.json', import.meta.url));

export interface EvalQuery {
  id: string;
  query: string;
  /** How the query relates to the word the relevant features fire on. */
  kind: 'synonym' | 'hypernym';
  /** The word dominating the relevant features' evidence (never part of the query). */
  word: string;
  /** The WordNet sense chosen for it (simplified Lesk over the features' contexts). */
  sense: { key: string; gloss: string };
  /** Feature indices of the SAE whose evidence that word dominates. */
  relevant: number[];
}

export interface EvalSet {
  description: string;
  saeId: string;
  /** The build checksum of the SAE the set was made from (feature indices refer to it). */
  checksum: string;
  method: Record<string, unknown>;
  queries: EvalQuery[];
}

export function readEvalSet(path = EVAL_SET_PATH): EvalSet {
  return JSON.parse(readFileSync(path, 'utf8')) as EvalSet;
}
