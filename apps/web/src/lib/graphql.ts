import { isErrorCode, type ErrorCode } from '@atlas/errors';
import { revalidateTag, unstable_cache, updateTag } from 'next/cache';
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
 * The tag of every read kept in Next's data cache (`request(…, { cached: true })`). Any mutation
 * sent through this app expires it at once, so a label written here shows on the next page.
 */
export const API_READ_TAG = 'atlas-api-read';
/**
 * How long a cached read may be served at most: the bound on staleness for writes that do not go
 * through this app (scripts with API keys, another web instance, a rebuilt SAE). The API's own
 * response cache keeps answers up to 60 s, so this adds no more than it.
 */
export const API_READ_CACHE_SECONDS = 30;

const isMutation = (document: string) => /^\s*mutation\b/.test(document);

/** Expires every cached read: from a Server Action read-your-own-writes (`updateTag`), elsewhere at once too. */
function expireCachedReads(): void {
  try {
    updateTag(API_READ_TAG);
  } catch {
    revalidateTag(API_READ_TAG, { expire: 0 });
  }
}

/**
 * Runs one operation against the atlas API (server-side), as the signed-in user when given their
 * session token. With `cached`, an anonymous read's data is kept in Next's data cache (keyed by
 * the API's URL, the document and variables, tagged API_READ_TAG, at most API_READ_CACHE_SECONDS): a feature
 * page then costs no API call while its data is fresh. Errors are never kept (a refused or failed
 * read is asked again next time), nor reads with a credential.
 */
export async function request<TData, TVariables>(
  op: GraphQLOperation<TData, TVariables>,
  variables: TVariables,
  options: { credential?: string | undefined; cached?: boolean } = {},
): Promise<TData> {
  // Wait for a real request: `next build` never prerenders a page that calls the API.
  await connection();
  const mutation = isMutation(op.document);
  if (options.cached === true && !options.credential && !mutation) {
    // Keyed by the API's URL too: the cache lives on disk beside the build, so a server pointed at
    // another API (or none) must not be served this one's answers.
    const read = unstable_cache(() => send(op, variables, undefined), ['atlas-api', env.ATLAS_API_URL, op.document, JSON.stringify(variables)], {
      revalidate: API_READ_CACHE_SECONDS,
      tags: [API_READ_TAG],
    });
    return read();
  }
  const data = await send(op, variables, options.credential);
  if (mutation) expireCachedReads();
  return data;
}

async function send<TData, TVariables>(op: GraphQLOperation<TData, TVariables>, variables: TVariables, credential: string | undefined): Promise<TData> {
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
  return body.data;
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
