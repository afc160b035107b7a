import { AtlasError } from '@atlas/errors';
import { mapWithConcurrency } from './concurrency.ts';
import type { ChatMessage } from './llm-prompt.ts';

export interface ChatClientOptions {
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

/** A request to the LLM failed for a reason the user can act on; the message says which. */
export class LlmLabelError extends AtlasError {
  static override defaultCode = 'UPSTREAM_FAILED' as const;
  override readonly name = 'LlmLabelError';
  constructor(message: string, readonly retryable: boolean) {
    super(message);
  }
}

/** One chat request → the reply's text, with retries and backoff; shared by the labeller and the label scorers. */
export interface ChatClient {
  readonly model: string;
  readonly endpoint: string;
  readonly concurrency: number;
  complete(messages: ChatMessage[], maxTokens: number): Promise<string>;
  /** Many requests, `concurrency` at a time; a failed one yields its error. */
  completeAll<T>(items: readonly T[], run: (item: T) => Promise<string>, onProgress?: (done: number, total: number) => void): Promise<(string | Error)[]>;
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

/** A client of an OpenAI-compatible `/v1/chat/completions` endpoint (a local server works the same). */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const endpoint = chatCompletionsUrl(options.url);
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 1000;
  const concurrency = options.concurrency ?? 4;
  const complete = async (messages: ChatMessage[], maxTokens: number): Promise<string> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await requestCompletion(endpoint, options, messages, maxTokens);
      } catch (error) {
        if (!(error instanceof LlmLabelError) || !error.retryable || attempt >= retries) throw error;
        await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** attempt));
      }
    }
  };
  return {
    model: options.model,
    endpoint,
    concurrency,
    complete,
    completeAll: (items, run, onProgress) => mapWithConcurrency(items, concurrency, run, onProgress),
  };
}

async function requestCompletion(endpoint: string, options: ChatClientOptions, messages: ChatMessage[], maxTokens: number): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: options.model, messages, temperature: 0, max_tokens: maxTokens }),
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
  return content;
}
