import { MAX_FEATURE_INDEX, formatFeatureId, parseFeatureId } from '@atlas/ids';
import { z } from 'zod';
import { QUALITY_NAMES, SORT_NAMES, type FeatureQualityParam, type FeatureSort } from './feature-list-view';
import { readSearchParams, type ParamFields, type RawSearchParams } from './search-param-fields';

export type { RawSearchParams } from './search-param-fields';

/**
 * Zod schemas for every route param and search param the pages read.
 * Route params that fail → the page calls notFound(); a bad search param falls back to its
 * default and the page names it with the allowed values (ParamProblems).
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

/** `/model/[...id]` → the model id (usually one segment, `demo-lm`; hub-style ids have two). */
export const modelRouteParams = z.object({
  id: z.array(idSegment).min(1).max(4),
}).transform(({ id }) => ({ modelId: id.join('/') }));

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

/** The longest label text the feature list filters by (the API's limit). */
export const MAX_LABEL_FILTER_CHARS = 200;

/** `/sae/...?sort=density-desc&quality=live&label=<text>&first=25&after=<cursor>&prev=&prev=<cursor>&goto=<index>`: bad values are reported (readSearchParams). */
export const saeSearchFields: ParamFields<SaeSearchParams> = {
  sort: { schema: z.enum(SORT_NAMES), fallback: 'index', allowed: `one of ${SORT_NAMES.join(', ')}` },
  quality: { schema: z.enum(QUALITY_NAMES), fallback: 'all', allowed: `one of ${QUALITY_NAMES.join(', ')}` },
  label: {
    schema: z.string().max(MAX_LABEL_FILTER_CHARS).transform((text) => text.trim() || undefined),
    fallback: undefined,
    allowed: `text of at most ${MAX_LABEL_FILTER_CHARS} characters that labels must contain`,
  },
  first: { schema: z.coerce.number().int().min(1).max(100), fallback: DEFAULT_PAGE_SIZE, allowed: 'a whole number from 1 to 100 (features per page)' },
  after: { schema: cursor, fallback: undefined, allowed: "a cursor from this list's Next link" },
  /** The `after` of each earlier page, oldest first ('' = the first page): the stack behind "Previous". */
  prev: { schema: repeated, fallback: [], allowed: "cursors from this list's Next links" },
  goto: { schema: z.coerce.number().int().min(0), fallback: undefined, allowed: 'a feature index, a whole number from 0' },
};

export type SaeSearchParams = {
  sort: FeatureSort;
  quality: FeatureQualityParam;
  label: string | undefined;
  first: number;
  after: string | undefined;
  prev: string[];
  goto: number | undefined;
};

export function readSaeSearchParams(raw: RawSearchParams) {
  return readSearchParams(saeSearchFields, raw);
}

/** The most text the feature page's "try it" box sends in its URL. */
export const MAX_TRY_TEXT_CHARS = 2000;

/**
 * `/feature/...?counts=log&try=<text>&examples=all` — the histogram's count axis, the "try it" text,
 * and every example rendered inline (the collapsed ones' link for browsers without JavaScript).
 */
export const featureSearchFields: ParamFields<{ counts: 'linear' | 'log'; try: string | undefined; examples: 'all' | undefined }> = {
  counts: { schema: z.enum(['linear', 'log']), fallback: 'linear', allowed: 'linear or log (the histogram\'s count axis)' },
  try: {
    schema: z.string().max(MAX_TRY_TEXT_CHARS).transform((text) => (text.trim() ? text : undefined)),
    fallback: undefined,
    allowed: `one text of at most ${MAX_TRY_TEXT_CHARS.toLocaleString('en-US')} characters`,
  },
  examples: { schema: z.enum(['all']), fallback: undefined, allowed: 'all (every example on the page, not behind disclosures)' },
};

export function readFeatureSearchParams(raw: RawSearchParams) {
  return readSearchParams(featureSearchFields, raw);
}

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
