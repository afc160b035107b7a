import type { RunSelectionOptions } from '../src/index.ts';

/** The methods compared, each a `runSelection` configuration. */
export interface BenchMethod {
  label: string;
  options: Pick<RunSelectionOptions, 'method' | 'similarity' | 'aggregation'>;
  /** Fine-tuned on in the downstream table. */
  downstream: boolean;
  /** The embedding method's embedder: @atlas/embed's word vectors (what jobs use by default), or the demo-LM stand-in kept as an extra row. */
  embedder?: 'word-vectors' | 'lm-mean';
}

export const BENCH_METHODS: BenchMethod[] = [
  { label: 'MONA: SAE codes, generalized Jaccard to the prototype', options: { method: 'mona' }, downstream: true },
  { label: 'MONA, cosine to the prototype', options: { method: 'mona', similarity: 'cosine' }, downstream: false },
  { label: 'MONA, per-target maximum (Jaccard)', options: { method: 'mona', aggregation: 'max' }, downstream: false },
  { label: 'hidden states of the same layer (Jaccard)', options: { method: 'hidden' }, downstream: true },
  { label: 'dense embedding, cosine (@atlas/embed word vectors)', options: { method: 'embedding' }, downstream: true, embedder: 'word-vectors' },
  { label: 'extra: demo-LM last block mean-pooled, cosine (the earlier stand-in)', options: { method: 'embedding' }, downstream: false, embedder: 'lm-mean' },
  { label: 'BM25, mean over targets', options: { method: 'bm25' }, downstream: false },
  { label: 'BM25, per-target maximum', options: { method: 'bm25', aggregation: 'max' }, downstream: true },
  { label: 'random', options: { method: 'random' }, downstream: true },
];
