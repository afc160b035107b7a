import type { RunSelectionOptions } from '../src/index.ts';

/** The methods compared, each a `runSelection` configuration. */
export interface BenchMethod {
  label: string;
  options: Pick<RunSelectionOptions, 'method' | 'similarity' | 'aggregation'>;
  /** Fine-tuned on in the downstream table. */
  downstream: boolean;
}

export const BENCH_METHODS: BenchMethod[] = [
  { label: 'MONA: SAE codes, generalized Jaccard to the prototype', options: { method: 'mona' }, downstream: true },
  { label: 'MONA, cosine to the prototype', options: { method: 'mona', similarity: 'cosine' }, downstream: false },
  { label: 'MONA, per-target maximum (Jaccard)', options: { method: 'mona', aggregation: 'max' }, downstream: false },
  { label: 'hidden states of the same layer (Jaccard)', options: { method: 'hidden' }, downstream: true },
  { label: 'dense embedding, cosine (stand-in: demo-LM mean)', options: { method: 'embedding' }, downstream: true },
  { label: 'BM25, mean over targets', options: { method: 'bm25' }, downstream: false },
  { label: 'BM25, per-target maximum', options: { method: 'bm25', aggregation: 'max' }, downstream: true },
  { label: 'random', options: { method: 'random' }, downstream: true },
];
