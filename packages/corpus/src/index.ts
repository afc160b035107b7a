export type { Corpus, CorpusDocument, CorpusInfo } from './types.ts';
export { CorpusError } from './corpus-error.ts';
export { listCorpora } from './built-in.ts';
export { loadCorpus } from './load-corpus.ts';
export { parseJsonl, parseTxt } from './local-files.ts';
export { parseWordnetLine } from './wordnet.ts';
export { splitHeldOut, shuffleDocuments, documentHashUnit } from './split.ts';
export { DEMO_HELD_OUT } from './built-in.ts';
