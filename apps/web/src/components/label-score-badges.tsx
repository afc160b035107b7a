/**
 * A label's quality scores beside it (`Label.scores`, from `atlas score-labels`): one badge per
 * scorer (its newest version), the value as a percentage where 50 % is chance, and in the title
 * how it was measured. Nothing when the label has not been scored.
 */
export type LabelScoreBadge = { scorer: string; version: string; score: number; positives: number; negatives: number };

const MEANING: Record<string, string> = {
  embedding: 'ROC-AUC of label–context similarity, activating vs non-activating held-out contexts',
  detection: "an LLM's balanced accuracy at telling, from the label, contexts where the feature fires",
  fuzzing: "an LLM's balanced accuracy at telling correctly from wrongly marked firing tokens",
};

export function LabelScoreBadges({ scores }: { scores: readonly LabelScoreBadge[] }) {
  // The API lists each scorer's newest version first: keep that one.
  const newest = scores.filter((s, i) => scores.findIndex((other) => other.scorer === s.scorer) === i);
  if (newest.length === 0) return null;
  return (
    <span className="muted" data-testid="label-scores">
      {newest.map((s) => (
        <span
          key={s.scorer}
          title={`${MEANING[s.scorer] ?? s.scorer} (${s.positives} + ${s.negatives} contexts; ${s.version}). 50% is chance.`}
        >
          {' · '}{s.scorer} {Math.round(s.score * 100)}%
        </span>
      ))}
    </span>
  );
}
