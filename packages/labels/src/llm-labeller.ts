import { AtlasError } from '@atlas/errors';
import { mapWithConcurrency } from './concurrency.ts';
import type { LabelEvidence } from './evidence.ts';
import { labelFromReply, labelPrompt } from './llm-prompt.ts';

/** How LLM labels are made; stored as `labels.method` (the model goes in `authorModel`). */
export const LLM_LABEL_METHOD = 'llm-chat v1';

export interface LlmLabellerOptions {
  /** An OpenAI-compatible server: its base (`http://localhost:8080`, `…/v1`) or the full `…/chat/completions` URL. */
  url: string;
  model: string;
  apiKey?: string;
  /** Per request (default 60 s: local models can be slow). */
  timeoutMs?: number;
  /** Further attempts after a timeout, network error, 429 or 5xx (default 3). */
  retries?: number;
  /** First backoff; doubles each retry (default 1 s). */
  backoffMs?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
}

/** A labelling request failed for a reason the user can act on; the message says which. */
export class LlmLabelError extends AtlasError {
  static override defaultCode = 'UPSTREAM_FAILED' as const;
  override readonly name = 'LlmLabelError';
  constructor(message: string, readonly retryable: boolean) {
    super(message);
  }
}

export interface LlmLabeller {
  readonly model: string;
  readonly endpoint: string;
  /** One feature's label. */
  label(evidence: LabelEvidence): Promise<string>;
  /** Many features, `concurrency` at a time; a failed feature yields its LlmLabelError. */
  labelAll(evidence: readonly LabelEvidence[], onProgress?: (done: number, total: number) => void): Promise<(string | Error)[]>;
}

/** `…/chat/completions` from whatever the user gave: a server base, a `/v1` base, or the endpoint itself. */
export function chatCompletionsUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LlmLabelError(`--llm-url "${url}" is not a URL; give e.g. http://localhost:8080/v1`, false);
  }
  const path = parsed.pathname.replace(/\/+$/, '');
  if (path.endsWith('/chat/completions')) return parsed.toString();
  parsed.pathname = `${path.endsWith('/v1') ? path : `${path}/v1`}/chat/completions`;
  return parsed.toString();
}

/** Labels features with an LLM behind an OpenAI-compatible `/v1/chat/completions` endpoint (a local server works the same). */
export function createLlmLabeller(options: LlmLabellerOptions): LlmLabeller {
  const endpoint = chatCompletionsUrl(options.url);
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 1000;
  const request = (evidence: LabelEvidence) => requestLabel(endpoint, options, evidence);
  const label = async (evidence: LabelEvidence): Promise<string> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await request(evidence);
      } catch (error) {
        if (!(error instanceof LlmLabelError) || !error.retryable || attempt >= retries) throw error;
        await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** attempt));
      }
    }
  };
  return {
    model: options.model,
    endpoint,
    label,
    labelAll: (evidence, onProgress) => mapWithConcurrency(evidence, options.concurrency ?? 4, label, onProgress),
  };
}

async function requestLabel(endpoint: string, options: LlmLabellerOptions, evidence: LabelEvidence): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: options.model, messages: labelPrompt(evidence), temperature: 0, max_tokens: 32 }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw new LlmLabelError(`The LLM endpoint ${endpoint} did not answer within ${timeoutMs} ms.`, true);
    }
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new LlmLabelError(`Could not reach the LLM endpoint ${endpoint}${cause}. Is the server running, and is --llm-url right?`, true);
  }
  const body = await response.text();
  if (!response.ok) {
    const retryable = response.status === 429 || response.status >= 500;
    const hint = response.status === 401 || response.status === 403 ? ' Check the API key (ATLAS_LLM_API_KEY).' : '';
    const hint404 = response.status === 404 ? ' Check --llm-url (it should lead to …/v1/chat/completions).' : '';
    throw new LlmLabelError(`The LLM endpoint ${endpoint} answered ${response.status}: ${body.slice(0, 300)}${hint}${hint404}`, retryable);
  }
  let content: unknown;
  try {
    content = (JSON.parse(body) as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
  } catch {
    throw new LlmLabelError(`The LLM endpoint ${endpoint} answered with malformed JSON: ${body.slice(0, 200)}`, false);
  }
  if (typeof content !== 'string') {
    throw new LlmLabelError(`The LLM endpoint ${endpoint} answered without choices[0].message.content (is it OpenAI-compatible?): ${body.slice(0, 200)}`, false);
  }
  const text = labelFromReply(content);
  if (!text) throw new LlmLabelError(`The model ${options.model} replied with no label text.`, true);
  return text;
}
