import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** A stored answer: what was sent, byte for byte, and when. */
export interface CachedAnswer {
  status: number;
  headers: [string, string][];
  body: string;
  storedAt: number;
}

/** The parts of a request its answer depends on (besides the data): the same parts, the same answer. */
export interface AnswerCacheRequest {
  method: string;
  search: string;
  /** Content negotiation, body parsing and the CSRF check read these. */
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const KEYED_HEADERS = ['accept', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name'] as const;

/** `cache-control: max-age=N, public` as Apollo's cache-control plugin writes it for a cacheable answer without errors. */
const PUBLIC_MAX_AGE = /^max-age=(\d+), public$/;

/**
 * Whole answers kept in this process's memory as the bytes that were sent (an LRU of `maxBytes`),
 * for as long as their `@cacheControl` hints allow (Apollo's cache-control plugin sums them up in
 * the answer's `cache-control` header: 60 s for the catalog; an answer with any field without a
 * hint, a PRIVATE field or an error is never kept). A request byte-identical to one answered before
 * (same method, query string, body and negotiation headers) is answered from here without parsing,
 * validating, executing or serialising anything: a feature page asked again costs no query and
 * about a tenth of a millisecond. It is looked up after the viewer and the rate limit, so both
 * still apply; its cost was analysed when it was first answered, and an identical request costs the
 * same. Any mutation starts a new generation (`invalidate`), so an answer kept before a write is
 * not served after it (other API instances keep theirs up to its max-age).
 */
export class AnswerCache {
  private generation = 0;
  private readonly answers: LRUCache<string, CachedAnswer>;

  constructor(maxBytes: number) {
    this.answers = new LRUCache({ maxSize: maxBytes, sizeCalculation: (answer) => Math.max(1, answer.body.length) });
  }

  key(request: AnswerCacheRequest): string {
    const headers = KEYED_HEADERS.map((name) => request.headers[name] ?? null);
    return createHash('sha256').update(JSON.stringify([this.generation, request.method, request.search, headers, request.body])).digest('base64');
  }

  get(key: string): CachedAnswer | undefined {
    return this.answers.get(key);
  }

  /** Keeps the answer if its headers say it is public and cacheable, for its max-age. */
  keep(key: string, answer: Omit<CachedAnswer, 'storedAt'>): void {
    if (answer.status !== 200) return;
    const cacheControl = answer.headers.find(([name]) => name.toLowerCase() === 'cache-control')?.[1];
    const maxAgeS = Number(PUBLIC_MAX_AGE.exec(cacheControl ?? '')?.[1] ?? 0);
    if (maxAgeS <= 0) return;
    this.answers.set(key, { ...answer, storedAt: Date.now() }, { ttl: maxAgeS * 1000 });
  }

  /** After any write: no answer kept so far is served again (they age out of the LRU). */
  invalidate(): void {
    // The generation is part of every key, so an answer still being computed from before the write
    // is kept under a key nobody asks for again; clearing frees the rest at once.
    this.generation += 1;
    this.answers.clear();
  }
}
