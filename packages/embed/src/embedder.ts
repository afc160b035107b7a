/**
 * What made a vector: stored with every vector, so a search is reproducible and a change of
 * embedder (another model, retrained vectors) is seen and re-embeds.
 */
export interface EmbedderId {
  name: string;
  /** Version of the method (pooling, weighting) around the weights. */
  version: string;
  /** sha256 over the weights and settings: two embedders with one checksum give the same vectors. */
  checksum: string;
  dimensions: number;
}

/**
 * Text → unit vectors of `id.dimensions` values, one per text, in order. A text the embedder
 * finds no meaning in (no known word) gets an all-zero vector: callers skip it rather than
 * compare with it.
 */
export interface Embedder {
  readonly id: EmbedderId;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Frees model sessions (a no-op for word vectors). */
  close(): Promise<void>;
}

/** A short stable key for an embedder: `name@version#<first 12 of the checksum>`. */
export function embedderKey(id: EmbedderId): string {
  return `${id.name}@${id.version}#${id.checksum.slice(0, 12)}`;
}

/** True when the vector has no direction (the embedder knew none of the text). */
export function isZeroVector(vector: Float32Array): boolean {
  return vector.every((value) => value === 0);
}
