// @atlas/label-scores: how well a label predicts where its feature fires on held-out contexts.
// Scorers: `embedding` (ROC-AUC of label–context similarity, the configured embedder), and with
// an OpenAI-compatible LLM, `detection` and `fuzzing` (balanced accuracy). Stored per scorer version.
export { balancedAccuracy, rocAuc } from './roc-auc.ts';
export { CONTEXT_WINDOW, heldOutContexts, LLM_LABEL_CONTEXTS, MAX_POSITIVES, MIN_POSITIVES, windowText, type HeldOutContexts } from './held-out-contexts.ts';
export { EMBEDDING_SCORER, embeddingScorerVersion, embeddingScores, type EmbeddingTask, type ScoreResult } from './embedding-scorer.ts';
export {
  DETECTION_SCORER, detectionPrompt, detectionScore, FUZZING_SCORER, fuzzingPrompt, fuzzingScore, llmScorerVersion, saidYes,
} from './llm-scorers.ts';
export { LabelScoreError } from './label-score-error.ts';
export { LABEL_SCORERS, scoreSaeLabels, type LabelScorerName, type ScoreSaeLabelsOptions, type ScoreSaeLabelsResult } from './score-labels.ts';
