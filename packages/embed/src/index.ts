// @atlas/embed: text → vectors behind one interface (Embedder), with the embedder's identity
// recorded beside every stored vector. Two implementations: any ONNX sentence-embedding folder
// on disk, and the offline default (word vectors trained on the bundled text + WordNet).
export { embedderKey, isZeroVector, type Embedder, type EmbedderId } from './embedder.ts';
export { EmbedError } from './embed-error.ts';
export {
  configuredEmbedderDir, EMBEDDER_DIR_VARIABLE, loadConfiguredEmbedder, type ConfiguredEmbedderOptions,
} from './configured-embedder.ts';
export { loadOnnxSentenceEmbedder, type OnnxSentenceEmbedderOptions } from './onnx/sentence-embedder.ts';
export {
  DEFAULT_WORD_VECTORS, loadWordVectorEmbedder, type WordVectorEmbedder, type WordVectorEmbedderOptions,
} from './words/word-vector-embedder.ts';
export { words } from './words/tokenize.ts';
export { readWordVectors, writeWordVectors, type WordVectorTable } from './words/vector-file.ts';
export { loadWordNet, type WordNet } from './wordnet/wordnet.ts';
export type { PartOfSpeech, SynsetRecord } from './wordnet/wordnet-files.ts';
export { expandWord, type ExpandOptions, type WordExpansion } from './wordnet/expand.ts';
