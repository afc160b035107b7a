import { isApiError } from '@/lib/graphql';
import { toMapPointColumns, toMapPointLabels } from '@/lib/map-points';
import { saeRouteParams } from '@/lib/params';
import { getFeatureMap } from '@/lib/queries/feature-map';

/** A map changes only when its SAE is rebuilt: browsers may reuse it for a minute, then revalidate. */
const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600';
/** Server-side memo: the same map for every visitor within this many ms, without asking the API again. */
const MEMO_MS = 60_000;
/** Maps kept at once (an atlas serves a handful of SAEs; 64k points are about 4 MB of JSON). */
const MEMO_SAES = 8;
const memo = new Map<string, { at: number; body: string; labels: string }>();

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

/**
 * `/map-points/<sae id>`: every positioned feature of the SAE as compact columns (MapPointColumns),
 * fetched by the map page in the browser so that the page's HTML stays small;
 * `/map-points/<sae id>?part=labels`: their labels (MapPointLabels), fetched after the first draw.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string[] }> }): Promise<Response> {
  const parsed = saeRouteParams.safeParse(await params);
  if (!parsed.success) return json({ code: 'BAD_USER_INPUT', message: 'Not an SAE id: use /map-points/<model>/<hook>/<sae>.' }, 400);
  const part = new URL(request.url).searchParams.get('part');
  if (part !== null && part !== 'labels') {
    return json({ code: 'BAD_USER_INPUT', message: `Unknown part "${part}": leave ?part out for the points, or use ?part=labels for their labels.` }, 400);
  }
  const { saeId } = parsed.data;
  let entry = memo.get(saeId);
  if (!entry || Date.now() - entry.at > MEMO_MS) {
    try {
      const { points, clusters } = await getFeatureMap(saeId);
      entry = {
        at: Date.now(),
        body: JSON.stringify(toMapPointColumns(saeId, points, clusters)),
        labels: JSON.stringify(toMapPointLabels(saeId, points)),
      };
    } catch (error) {
      if (isApiError(error, 'NOT_FOUND')) return json({ code: 'NOT_FOUND', message: `No SAE ${saeId}: see / for the SAEs.` }, 404);
      if (isApiError(error, 'API_UNREACHABLE')) return json({ code: 'API_UNREACHABLE', message: error.message }, 502);
      throw error;
    }
    if (memo.size >= MEMO_SAES) memo.delete(memo.keys().next().value!);
    memo.set(saeId, entry);
  }
  return new Response(part === 'labels' ? entry.labels : entry.body, { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': CACHE_CONTROL } });
}
