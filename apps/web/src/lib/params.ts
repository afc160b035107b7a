import { MAX_FEATURE_INDEX, formatFeatureId, parseFeatureId } from '@atlas/ids';
import { z } from 'zod';

/**
 * Zod schemas for every route param and search param the pages read.
 * Route params that fail → the page calls notFound(); search params fall back to defaults.
 */

/** One path segment of an id: non-empty, no slash, no control characters. */
const idSegment = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^/\p{Cc}]+$/u);

/** `/sae/[...id]` → the SAE id, segments joined with `/`. */
export const saeRouteParams = z.object({
  id: z.array(idSegment).min(1).max(16),
}).transform(({ id }) => ({ saeId: id.join('/') }));

/** `/feature/[...id]` → SAE id + feature index (the last segment), parsed as the API parses feature ids. */
export const featureRouteParams = z
  .object({
    id: z.array(idSegment).min(2).max(17),
  })
  .transform(({ id }, ctx) => {
    const parsed = parseFeatureId(id.join('/'));
    if (!parsed || parsed.index === null) {
      ctx.addIssue({ code: 'custom', message: `feature index must be an integer from 0 to ${MAX_FEATURE_INDEX}` });
      return z.NEVER;
    }
    const { saeId, index } = parsed;
    return { saeId, index, featureId: formatFeatureId({ saeId, index }) };
  });

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

const cursor = z.string().min(1).max(512);
/** A search param that may repeat (`?prev=a&prev=b`) as a string array. */
const repeated = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().max(512)).max(1000),
);

/** `/sae/...?first=25&after=<cursor>&prev=&prev=<cursor>&goto=<index>` */
export const saeSearchParams = z.object({
  first: z.coerce.number().int().min(1).max(100).catch(DEFAULT_PAGE_SIZE),
  after: cursor.optional().catch(undefined),
  /** The `after` of each earlier page, oldest first ('' = the first page): the stack behind "Previous". */
  prev: repeated.catch([]),
  goto: z.coerce.number().int().min(0).optional().catch(undefined),
});

export type SaeSearchParams = z.infer<typeof saeSearchParams>;

/** Next passes search params as `Record<string, string | string[] | undefined>`. */
export type RawSearchParams = Record<string, string | string[] | undefined>;

/** `/feature/...?counts=log` — the histogram's count axis. */
export const featureSearchParams = z.object({
  counts: z.enum(['linear', 'log']).catch('linear'),
});

/** `/select/<selection id>?after=<cursor>` and `/select/jobs/<job id>`. */
export const selectionRouteParams = z.object({ id: z.string().regex(/^\d{1,15}$/) });
export const selectionJobRouteParams = z.object({ jobId: z.string().regex(/^[0-9a-f-]{36}$/i) });
export const selectionSearchParams = z.object({ after: cursor.optional().catch(undefined) });

/** `/compare/[id]` → the comparison id (digits). */
export const comparisonRouteParams = z.object({ id: z.string().regex(/^\d{1,15}$/) });

/** `/compare/...?after=<cursor>` — the page of matches. */
export const comparisonSearchParams = z.object({ after: cursor.optional().catch(undefined) });

/** Search modes as the URL spells them (`/search?mode=full-text`) and as the API does. */
export const SEARCH_MODES = { hybrid: 'HYBRID', 'full-text': 'FULL_TEXT', vector: 'VECTOR' } as const;
export type SearchModeParam = keyof typeof SEARCH_MODES;

/** `/search?q=<query>&mode=hybrid|full-text|vector&after=<cursor>`: the query goes to the API as typed (it answers too-long or empty ones). */
export const searchPageParams = z.object({
  q: z.string().max(10_000).catch('').default(''),
  mode: z.enum(['hybrid', 'full-text', 'vector']).catch('hybrid').default('hybrid'),
  after: cursor.optional().catch(undefined),
});

/** The most text `/text` takes in its URL (a shareable link); the API itself takes 64 KiB. */
export const MAX_URL_TEXT_CHARS = 4000;

/** `/text?sae=<SAE id>&text=<text>` */
export const textPageParams = z.object({
  sae: z.string().max(400).regex(/^[^\p{Cc}]*$/u).optional().catch(undefined),
  text: z.string().optional().catch(undefined),
});
