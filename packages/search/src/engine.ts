import {
  configuredEmbedderDir, embedderKey, expandWord, loadConfiguredEmbedder, loadWordNet, loadWordVectorEmbedder, type Embedder, type WordNet,
} from '@atlas/embed';
import { SEARCH_LIMITS } from './limits.ts';

/** What search needs besides the database: the embedder the index was built with, and query expansion. */
export interface SearchEngine {
  embedder: Embedder;
  /** The embedder's key in `search_embedders` (`name@version#checksum`). */
  embedderId: string;
  /** WordNet synonyms, hypernyms and common hyponyms of a query word, for full text (none without WordNet). */
  expand(word: string): string[];
}

export interface SearchEngineOptions {
  embedder: Embedder;
  /** WordNet for expansion; none when omitted. */
  wordnet?: WordNet;
  /** Corpus frequency of a word (orders hyponyms; unknown ones are left out). */
  frequency?: (word: string) => number;
}

export function createSearchEngine(options: SearchEngineOptions): SearchEngine {
  const { embedder, wordnet, frequency } = options;
  const cache = new Map<string, string[]>();
  return {
    embedder,
    embedderId: embedderKey(embedder.id),
    expand(word) {
      if (!wordnet) return [];
      let terms = cache.get(word);
      if (!terms) {
        const found = expandWord(wordnet, word, { maxTerms: SEARCH_LIMITS.maxExpansionsPerWord, ...(frequency ? { frequency } : {}) });
        terms = [...found.synonyms, ...found.hypernyms, ...found.hyponyms];
        cache.set(word, terms);
      }
      return terms;
    },
  };
}

let defaultEngine: SearchEngine | undefined;

/**
 * The offline default: the committed word vectors (`@atlas/embed`) and WordNet, loaded once
 * per process (WordNet parsing takes a few seconds; do it at startup, not in a request).
 */
export function loadDefaultSearchEngine(): SearchEngine {
  if (!defaultEngine) {
    const wordnet = loadWordNet();
    const embedder = loadWordVectorEmbedder({ wordnet });
    defaultEngine = createSearchEngine({ embedder, wordnet, frequency: embedder.frequency });
  }
  return defaultEngine;
}

const configuredEngines = new Map<string, Promise<SearchEngine>>();

/**
 * The engine of the embedder this machine is configured for (`@atlas/embed`'s
 * `loadConfiguredEmbedder`: the ONNX sentence-embedding folder in `ATLAS_EMBEDDER_DIR`, else the
 * word vectors), with the default's WordNet expansion; once per process. `atlas build` indexes
 * with the same setting, so queries and stored vectors come from one embedder. A configured
 * folder that does not load is MODEL_UNAVAILABLE.
 */
export async function loadConfiguredSearchEngine(env: NodeJS.ProcessEnv = process.env): Promise<SearchEngine> {
  const dir = configuredEmbedderDir(env);
  if (!dir) return loadDefaultSearchEngine();
  let engine = configuredEngines.get(dir);
  if (!engine) {
    engine = loadConfiguredEmbedder({ env }).then((embedder) => ({ ...loadDefaultSearchEngine(), embedder, embedderId: embedderKey(embedder.id) }));
    configuredEngines.set(dir, engine);
    engine.catch(() => configuredEngines.delete(dir));
  }
  return engine;
}
