/** One document of a corpus: a stable id and its text. */
export interface CorpusDocument {
  id: string;
  text: string;
}

/** A loaded corpus. */
export interface Corpus {
  name: string;
  documents: CorpusDocument[];
}

/** A built-in corpus, as listed by `listCorpora()`. */
export interface CorpusInfo {
  name: string;
  description: string;
  source: string;
}
