import { createChatClient, LlmLabelError, type ChatClientOptions } from './chat-client.ts';
import type { LabelEvidence } from './evidence.ts';
import { labelFromReply, labelPrompt } from './llm-prompt.ts';

export { chatCompletionsUrl, LlmLabelError } from './chat-client.ts';

/** How LLM labels are made; stored as `labels.method` (the model goes in `authorModel`). */
export const LLM_LABEL_METHOD = 'llm-chat v1';

export type LlmLabellerOptions = ChatClientOptions;

export interface LlmLabeller {
  readonly model: string;
  readonly endpoint: string;
  /** One feature's label. */
  label(evidence: LabelEvidence): Promise<string>;
  /** Many features, `concurrency` at a time; a failed feature yields its LlmLabelError. */
  labelAll(evidence: readonly LabelEvidence[], onProgress?: (done: number, total: number) => void): Promise<(string | Error)[]>;
}

/** Labels features with an LLM behind an OpenAI-compatible `/v1/chat/completions` endpoint (a local server works the same). */
export function createLlmLabeller(options: LlmLabellerOptions): LlmLabeller {
  const client = createChatClient(options);
  const label = async (evidence: LabelEvidence): Promise<string> => {
    // An empty reply is retried like a transient failure (the client retries only its own errors, so once here).
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const text = labelFromReply(await client.complete(labelPrompt(evidence), 32));
      if (text) return text;
    }
    throw new LlmLabelError(`The model ${options.model} replied with no label text.`, true);
  };
  return {
    model: client.model,
    endpoint: client.endpoint,
    label,
    labelAll: (evidence, onProgress) => client.completeAll(evidence, label, onProgress),
  };
}
