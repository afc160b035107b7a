export { MACHINE_LABEL_METHOD } from './evidence.ts';
export type { EvidenceContext, LabelEvidence } from './evidence.ts';
export { machineLabel } from './machine-label.ts';
export { readableToken, wordAround } from './token-text.ts';
export { chatCompletionsUrl, createLlmLabeller, LLM_LABEL_METHOD, LlmLabelError } from './llm-labeller.ts';
export type { LlmLabeller, LlmLabellerOptions } from './llm-labeller.ts';
export { labelFromReply, labelPrompt } from './llm-prompt.ts';
export { mapWithConcurrency } from './concurrency.ts';
export { clusterCaptions, labelWords } from './cluster-caption.ts';
