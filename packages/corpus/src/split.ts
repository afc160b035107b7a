import { createHash } from 'node:crypto';
import { CorpusError } from './corpus-error.ts';
import type { CorpusDocument } from './types.ts';

/** A number in [0, 1) from a hash of the seed and the document id (stable across runs and machines). */
export function documentHashUnit(id: string, seed: number): number {
  const digest = createHash('sha256').update(`${seed}:${id}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/**
 * Splits documents into train and held-out sets. A document is held out when the hash of
 * (seed, id) falls below `fraction`, so the split depends only on ids, not on order.
 */
export function splitHeldOut(
  documents: CorpusDocument[],
  fraction: number,
  seed = 0,
): { train: CorpusDocument[]; heldOut: CorpusDocument[] } {
  if (!(fraction >= 0 && fraction <= 1)) {
    throw new CorpusError(`The held-out fraction must be between 0 and 1 (0.05 holds out 5%), got ${fraction}.`);
  }
  const train: CorpusDocument[] = [];
  const heldOut: CorpusDocument[] = [];
  for (const document of documents) {
    (documentHashUnit(document.id, seed) < fraction ? heldOut : train).push(document);
  }
  return { train, heldOut };
}

/** A deterministic shuffle: documents ordered by the hash of (seed, id), independent of input order. */
export function shuffleDocuments(documents: readonly CorpusDocument[], seed: number): CorpusDocument[] {
  return documents
    .map((document) => ({ document, key: documentHashUnit(document.id, seed) }))
    .sort((a, b) => a.key - b.key || (a.document.id < b.document.id ? -1 : 1))
    .map(({ document }) => document);
}
