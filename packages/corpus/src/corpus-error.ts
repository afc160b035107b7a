/** Raised for an unknown corpus name, a missing file or a malformed file. */
export class CorpusError extends Error {
  override readonly name = 'CorpusError';
}
