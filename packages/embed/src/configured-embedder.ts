import path from 'node:path';
import { EmbedError } from './embed-error.ts';
import type { Embedder } from './embedder.ts';
import { loadOnnxSentenceEmbedder, type OnnxSentenceEmbedderOptions } from './onnx/sentence-embedder.ts';
import { loadWordVectorEmbedder, type WordVectorEmbedderOptions } from './words/word-vector-embedder.ts';

/**
 * The one setting that swaps the offline word vectors for an ONNX sentence-embedding folder on
 * this machine (e.g. an export of all-MiniLM-L6-v2). Unset or empty: the word vectors.
 */
export const EMBEDDER_DIR_VARIABLE = 'ATLAS_EMBEDDER_DIR';

/** The configured ONNX folder (absolute), or undefined for the offline default. */
export function configuredEmbedderDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env[EMBEDDER_DIR_VARIABLE]?.trim();
  return dir ? path.resolve(dir) : undefined;
}

export interface ConfiguredEmbedderOptions {
  /** Where the setting is read (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** For the ONNX folder. */
  onnx?: OnnxSentenceEmbedderOptions;
  /** For the word vectors. */
  wordVectors?: WordVectorEmbedderOptions;
}

/**
 * The embedder this machine is configured for, shared by search (its index and queries) and data
 * selection (the embedding method): the ONNX sentence-embedding folder named by
 * `ATLAS_EMBEDDER_DIR`, else the committed word vectors. A configured folder that does not load is
 * a MODEL_UNAVAILABLE `EmbedError` naming the setting and why: a typo must not fall back silently
 * to another embedder, whose vectors would not compare with the ones already stored.
 */
export async function loadConfiguredEmbedder(options: ConfiguredEmbedderOptions = {}): Promise<Embedder> {
  const dir = configuredEmbedderDir(options.env);
  if (!dir) return loadWordVectorEmbedder(options.wordVectors);
  try {
    return await loadOnnxSentenceEmbedder(dir, options.onnx);
  } catch (error) {
    throw new EmbedError(
      `The sentence embedder in ${EMBEDDER_DIR_VARIABLE} (${dir}) does not load: ${error instanceof Error ? error.message : String(error)} ` +
        `Fix the folder, or unset ${EMBEDDER_DIR_VARIABLE} to use the offline word vectors.`,
      { code: 'MODEL_UNAVAILABLE', cause: error },
    );
  }
}
