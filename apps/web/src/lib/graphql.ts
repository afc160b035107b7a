import { isErrorCode, type ErrorCode } from '@atlas/errors';
import { LRUCache } from 'lru-cache';
import { revalidateTag, updateTag } from 'next/cache';
import { connection } from 'next/server';
import { env } from '@/env';
import { postText, type HttpAnswer } from './api-http';

/** A GraphQL document with its result and variable types attached. */
export interface GraphQLOperation<TData, TVariables> {
  readonly document: string;
  /** Phantom fields: never set, only carry the types. */
  readonly __data?: TData;
  readonly __variables?: TVariables;
}

export function operation<TData, TVariables = Record<string, never>>(
  document: string,
): GraphQLOperation<TData, TVariables> {
  return { document };
}

/**
 * Codes the API sends in `extensions.code` (the atlas's one list, `@atlas/errors`) plus the two
 * this client raises itself when no GraphQL answer came back.
 */
export type ApiErrorCode = ErrorCode | 'API_UNREACHABLE' | 'BAD_RESPONSE';

export class GraphQLRequestError extends Error {
  override readonly name = 'GraphQLRequestError';
  constructor(
    message: string,
    readonly code: ApiErrorCode,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface GraphQLResponseBody<TData> {
  data?: TData | null;
  errors?: { message: string; extensions?: { code?: unknown } }[];
}

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The tag Server Actions expire after a mutation (`updateTag`), so that Next's client router cache
 * drops pages rendered before the write too.
 */
export const API_READ_TAG = 'atlas-api-read';
/**
 * How long a kept read may be served at most: the bound on staleness for writes that do not go
 * through this app (scripts with API keys, another web instance, a rebuilt SAE). The API's own
 * response cache keeps answers up to 60 s, so this adds no more than it.
 */
export const API_READ_CACHE_SECONDS = 30;

/**
 * Anonymous reads kept in this process (`request(…, { cached: true })`), by document and variables,
 * up to 50 MB of answers, each for at most API_READ_CACHE_SECONDS. Kept as the parsed data, shared by
 * the pages that read it (never mutated). Not Next's data cache (`unstable_cache`): it stringified
 * every answer two more times to store it (~100 kB for a feature) and looked for it on disk first,
 * about 2 ms of `next start`'s CPU per feature page.
 */
const keptReads = new LRUCache<string, { data: unknown; bytes: number }>({
  maxSize: 50 * 1024 * 1024,
  sizeCalculation: (entry) => Math.max(1, entry.bytes),
  ttl: API_READ_CACHE_SECONDS * 1000,
});
/** Reads on their way, so that concurrent renders of one page share one API call. */
const readsInFlight = new Map<string, Promise<unknown>>();
/** Bumped by every mutation: a read that started before one is not kept. */
let writeGeneration = 0;

const isMutation = (document: string) => /^\s*mutation\b/.test(document);

/** Forgets every kept read, and expires the tag for Next's router cache (`updateTag` in a Server Action, `revalidateTag` elsewhere). */
function expireCachedReads(): void {
  writeGeneration += 1;
  keptReads.clear();
  readsInFlight.clear();
  try {
    updateTag(API_READ_TAG);
  } catch {
    revalidateTag(API_READ_TAG, { expire: 0 });
  }
}

/** An anonymous read, from keptReads while fresh; errors are never kept. */
function keptRead<TData, TVariables>(op: GraphQLOperation<TData, TVariables>, variables: TVariables): Promise<TData> {
  const key = `${op.document}\n${JSON.stringify(variables)}`;
  const kept = keptReads.get(key);
  if (kept) return Promise.resolve(kept.data as TData);
  let pending = readsInFlight.get(key) as Promise<TData> | undefined;
  if (!pending) {
    const generation = writeGeneration;
    pending = send(op, variables, undefined).then(({ data, bytes }) => {
      if (generation === writeGeneration) keptReads.set(key, { data, bytes });
      return data;
    }).finally(() => {
      if (readsInFlight.get(key) === pending) readsInFlight.delete(key);
    });
    readsInFlight.set(key, pending);
  }
  return pending;
}

/**
 * Runs one operation against the atlas API (server-side), as the signed-in user when given their
 * session token. With `cached`, an anonymous read's data is kept in this process (keptReads, at most
 * API_READ_CACHE_SECONDS): a feature page then costs no API call while its data is fresh. Errors are
 * never kept (a refused or failed read is asked again next time), nor reads with a credential; any
 * mutation sent through here forgets every kept read at once.
 */
export async function request<TData, TVariables>(
  op: GraphQLOperation<TData, TVariables>,
  variables: TVariables,
  options: { credential?: string | undefined; cached?: boolean } = {},
): Promise<TData> {
  // Wait for a real request: `next build` never prerenders a page that calls the API.
  await connection();
  const mutation = isMutation(op.document);
  if (options.cached === true && !options.credential && !mutation) return keptRead(op, variables);
  const { data } = await send(op, variables, options.credential);
  if (mutation) expireCachedReads();
  return data;
}

/** The operation's data and the answer's size in bytes (what keptReads counts). */
async function send<TData, TVariables>(op: GraphQLOperation<TData, TVariables>, variables: TVariables, credential: string | undefined): Promise<{ data: TData; bytes: number }> {
  const url = env.ATLAS_API_URL;
  let answer: HttpAnswer;
  try {
    answer = await postText(url, JSON.stringify({ query: op.document, variables }), {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      // The session token from the httpOnly cookie (lib/session.ts), forwarded as the API expects it.
      ...(credential ? { authorization: `Bearer ${credential}` } : {}),
    }, REQUEST_TIMEOUT_MS);
  } catch (cause) {
    throw new GraphQLRequestError(`The atlas API at ${url} is unreachable.`, 'API_UNREACHABLE', url, { cause });
  }
  const body = parseBody<TData>(answer, url);
  const first = body.errors?.[0];
  if (first) {
    // Codes outside the atlas's list (Apollo's GRAPHQL_VALIDATION_FAILED, …) mean this client's
    // query does not fit the API: a bug here, reported as such with the API's message.
    const code = isErrorCode(first.extensions?.code) ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
    throw new GraphQLRequestError(first.message, code, url);
  }
  if (answer.status < 200 || answer.status > 299 || body.data == null) {
    throw new GraphQLRequestError(`The atlas API answered HTTP ${answer.status} without data.`, 'BAD_RESPONSE', url);
  }
  return { data: body.data, bytes: answer.body.length };
}

function parseBody<TData>(answer: HttpAnswer, url: string): GraphQLResponseBody<TData> {
  try {
    return JSON.parse(answer.body) as GraphQLResponseBody<TData>;
  } catch (cause) {
    throw new GraphQLRequestError(
      `The server at ${url} answered HTTP ${answer.status} with something that is not GraphQL JSON.`,
      'BAD_RESPONSE',
      url,
      { cause },
    );
  }
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is GraphQLRequestError {
  return error instanceof GraphQLRequestError && (code === undefined || error.code === code);
}
