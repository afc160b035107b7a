import { listMapPoints, type MapBounds, type MapPointRow } from '@atlas/db';
import type { ApiContext } from '../../context.ts';
import { decodeCursor, encodeCursor } from '../../cursor.ts';
import { badUserInput } from '../../errors.ts';

/** A map is fetched whole by clients (4k–16k points): pages are far larger than feature lists'. */
export const MAX_MAP_PAGE = 10_000;
export const DEFAULT_MAP_PAGE = 5_000;

/** What MapPoint resolves from: a stored point plus its SAE, for the feature id. */
export type MapPointParent = MapPointRow & { saeId: string };

/** What FeatureMap resolves from. */
export type FeatureMapPage = { saeId: string; points: MapPointParent[]; hasNextPage: boolean; endCursor: string | null };

type MapArgs = { first?: number | null; after?: string | null; bounds?: MapBounds | null };

function mapBounds(bounds: MapBounds | null | undefined): MapBounds | undefined {
  if (!bounds) return undefined;
  const values = [bounds.minX, bounds.minY, bounds.maxX, bounds.maxY];
  if (!values.every(Number.isFinite) || bounds.minX > bounds.maxX || bounds.minY > bounds.maxY) {
    throw badUserInput(`Sae.map(bounds: ${JSON.stringify(bounds)}) is not a rectangle: give finite numbers with minX <= maxX and minY <= maxY`);
  }
  return bounds;
}

/** One page of an SAE's map points, by feature index, fetching one extra to learn whether more follow. */
export async function loadFeatureMap(ctx: ApiContext, saeId: string, args: MapArgs): Promise<FeatureMapPage> {
  const first = args.first ?? DEFAULT_MAP_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_MAP_PAGE) {
    throw badUserInput(`Sae.map(first: ${first}) is out of range: first must be between 1 and ${MAX_MAP_PAGE}`);
  }
  const afterIndex = args.after === null || args.after === undefined ? null : decodeCursor(args.after);
  const bounds = mapBounds(args.bounds);
  const rows = await listMapPoints(ctx.db, { saeId, afterIndex, limit: first + 1, ...(bounds ? { bounds } : {}) });
  const points = rows.slice(0, first).map((row) => ({ ...row, saeId }));
  const last = points.at(-1);
  return { saeId, points, hasNextPage: rows.length > first, endCursor: last ? encodeCursor(last.index) : null };
}
