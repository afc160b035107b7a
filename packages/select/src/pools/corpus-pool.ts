import { loadCorpus } from '@atlas/corpus';
import type { AtlasDb, NewPoolSample, PoolRow } from '@atlas/db';
import { SelectError } from '../errors.ts';
import { SELECT_LIMITS } from '../limits.ts';
import { storePool } from './import-pool.ts';

export type CorpusUnit = 'document' | 'paragraph' | 'line';

export interface CorpusPoolOptions {
  id: string;
  /** A built-in corpus name (`sotu`, `moby-dick`, `wordnet`, `demo`, …) or a .txt / .jsonl path, as `loadCorpus` takes. */
  corpus: string;
  /** What one sample is: a whole document, a paragraph (blank-line separated) or a line. */
  unit?: CorpusUnit;
  /** Pieces shorter than this are left out (headings, page numbers). Default 40 characters. */
  minCharacters?: number;
  /** Keep the first `limit` samples. */
  limit?: number;
  name?: string;
  description?: string;
}

/** A pool from a bundled corpus (or a local text file), cut into samples by `unit`; one transaction. */
export async function createPoolFromCorpus(db: AtlasDb, options: CorpusPoolOptions): Promise<PoolRow> {
  const unit = options.unit ?? 'paragraph';
  const minCharacters = options.minCharacters ?? 40;
  const limit = options.limit ?? SELECT_LIMITS.maxPoolSamples;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new SelectError(`limit must be a positive integer, got ${options.limit}.`);
  const corpus = await loadCorpus(options.corpus);
  const samples: NewPoolSample[] = [];
  for (const document of corpus.documents) {
    const pieces = unit === 'document' ? [document.text] : document.text.split(unit === 'line' ? /\n/ : /\n\s*\n/);
    pieces.forEach((piece, index) => {
      const text = piece.trim().slice(0, SELECT_LIMITS.maxSampleCharacters);
      if (text.length < minCharacters || samples.length >= limit) return;
      samples.push({ externalId: unit === 'document' ? document.id : `${document.id}#${index}`, text, response: null, metadata: { document: document.id } });
    });
    if (samples.length >= limit) break;
  }
  return storePool(db, {
    id: options.id,
    name: options.name ?? `${corpus.name} (${unit}s)`,
    description: options.description ?? null,
    format: 'text',
    source: `corpus:${corpus.name}`,
  }, samples);
}
