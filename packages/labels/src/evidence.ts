/** One top-activating context of a feature, as the statistics pass or the database holds it. */
export interface EvidenceContext {
  /** One display string per token (as the tokenizer decodes it, leading spaces included). */
  tokens: string[];
  /** Position of the strongest activation in this context. */
  maxPosition: number;
  maxValue: number;
}

/** What a labeller sees of a feature: its top-activating contexts, strongest first. */
export interface LabelEvidence {
  contexts: EvidenceContext[];
  /** Tokens whose logits the feature raises most, when known (helps an LLM; unused by `machineLabel`). */
  promotedTokens?: string[];
}

/** How `machineLabel` labels are made; stored as `labels.method`. */
export const MACHINE_LABEL_METHOD = 'top-tokens v1';
