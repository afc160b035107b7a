/** Words a caption names at most. */
const CAPTION_WORDS = 3;
/** A word names a cluster only when this many of its members' labels use it. */
const MIN_MEMBERS = 2;
/** ...and uses it half as often again as the whole map does ("the", "of" are everywhere). */
const MIN_LIFT = 1.5;

/**
 * The words of a label that say what the feature reads: machine labels quote their tokens
 * (`"whale" (9/20) · after "the"`), so their quoted parts; LLM and human labels are prose, so all
 * of it. Lower-cased letters and digits only; single characters say nothing on a map.
 */
export function labelWords(label: string): string[] {
  const quoted = [...label.matchAll(/"([^"]*)"/g)].map((match) => match[1]!);
  const text = quoted.length > 0 ? quoted.join(' ') : label;
  const words = text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [];
  return [...new Set(words)];
}

/**
 * A caption for each group of labels (a map cluster's members' labels): up to three words that
 * are both common in the group and characteristic of it against all groups together (count in
 * the group × log of its lift over the whole map, a lift of at least 1.5), joined by " · ". Null when no word is used by
 * at least two of the group's labels.
 */
export function clusterCaptions(groups: readonly (readonly string[])[]): (string | null)[] {
  const groupWords = groups.map((labels) => {
    const counts = new Map<string, number>();
    for (const label of labels) for (const word of labelWords(label)) counts.set(word, (counts.get(word) ?? 0) + 1);
    return counts;
  });
  const overall = new Map<string, number>();
  for (const counts of groupWords) for (const [word, n] of counts) overall.set(word, (overall.get(word) ?? 0) + n);
  const totalLabels = groups.reduce((sum, labels) => sum + labels.length, 0);
  return groups.map((labels, g) => {
    const scored = [...groupWords[g]!]
      .filter(([, n]) => n >= MIN_MEMBERS)
      .map(([word, n]) => {
        const lift = (n / labels.length) / (overall.get(word)! / totalLabels);
        return { word, lift, score: n * Math.log(lift) };
      })
      .filter(({ lift }) => lift >= MIN_LIFT)
      .sort((a, b) => b.score - a.score || (a.word < b.word ? -1 : 1));
    return scored.length === 0 ? null : scored.slice(0, CAPTION_WORDS).map(({ word }) => word).join(' · ');
  });
}
