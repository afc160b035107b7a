/** Word counts over a corpus and the vocabulary the vectors cover (most frequent first). */
export interface Vocabulary {
  words: string[];
  counts: number[];
  /** word → row */
  index: Map<string, number>;
  /** Every counted word occurrence, in or out of the vocabulary (for p(w) of SIF weights). */
  totalWords: number;
}

export function countWords(lines: Iterable<string[]>): { counts: Map<string, number>; total: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const line of lines) {
    for (const word of line) counts.set(word, (counts.get(word) ?? 0) + 1);
    total += line.length;
  }
  return { counts, total };
}

/** Words seen at least `minCount` times, most frequent first (ties alphabetical), at most `maxWords`. */
export function buildVocabulary(counts: Map<string, number>, totalWords: number, minCount: number, maxWords: number): Vocabulary {
  const kept = [...counts]
    .filter(([, count]) => count >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, maxWords);
  return {
    words: kept.map(([word]) => word),
    counts: kept.map(([, count]) => count),
    index: new Map(kept.map(([word], i) => [word, i])),
    totalWords,
  };
}
