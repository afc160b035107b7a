/** Hrefs for the atlas pages. Ids contain slashes, so every path segment is encoded on its own. */

function encodeId(id: string): string {
  return id.split('/').map(encodeURIComponent).join('/');
}

export interface SaeListPosition {
  first?: number;
  after?: string;
  prev?: readonly string[];
  /** The list's order and filter (left out of the URL when they are the defaults). */
  sort?: string;
  quality?: string;
  label?: string;
}

export function saeHref(saeId: string, position: SaeListPosition = {}): string {
  const query = new URLSearchParams();
  if (position.sort !== undefined && position.sort !== 'index') query.set('sort', position.sort);
  if (position.quality !== undefined && position.quality !== 'all') query.set('quality', position.quality);
  if (position.label) query.set('label', position.label);
  if (position.first !== undefined) query.set('first', String(position.first));
  if (position.after !== undefined) query.set('after', position.after);
  for (const cursor of position.prev ?? []) query.append('prev', cursor);
  const search = query.toString();
  return `/sae/${encodeId(saeId)}${search ? `?${search}` : ''}`;
}

/** A model's page: its figures and SAEs. */
export function modelHref(modelId: string): string {
  return `/model/${encodeId(modelId)}`;
}

export function featureHref(saeId: string, index: number): string {
  return `/feature/${encodeId(saeId)}/${index}`;
}

/** The page of a feature given its readable id (`<saeId>/<index>`). */
export function featureHrefFromId(featureId: string): string {
  return `/feature/${encodeId(featureId)}`;
}

/** The GraphQL IDE lives at `/graphql` on the API's origin. */
export function graphqlIdeUrl(apiUrl: string): string {
  return new URL('/graphql', apiUrl).href;
}

/** The last segment of an SAE id (`…/topk-4096` → `topk-4096`), its name within a hook. */
export function saeName(saeId: string): string {
  return saeId.slice(saeId.lastIndexOf('/') + 1);
}

/** The SAE's feature map, optionally centred on one feature. */
export function mapHref(saeId: string, focus?: number): string {
  return `/map/${encodeId(saeId)}${focus !== undefined ? `?focus=${focus}` : ''}`;
}

/** Every point of an SAE's map as compact columns (app/map-points route), fetched by the map page in the browser. */
export function mapPointsHref(saeId: string): string {
  return `/map-points/${encodeId(saeId)}`;
}

/** The same points' labels (fetched after the map's first draw: only hover and the cluster list need them). */
export function mapLabelsHref(saeId: string): string {
  return `${mapPointsHref(saeId)}?part=labels`;
}

/** Data selection: the page to import pools and start selections, a running job, a finished selection. */
export const selectHref = '/select';

export function selectionJobHref(jobId: string): string {
  return `/select/jobs/${encodeURIComponent(jobId)}`;
}

export function selectionHref(selectionId: string, after?: string): string {
  return `/select/${encodeURIComponent(selectionId)}${after ? `?after=${encodeURIComponent(after)}` : ''}`;
}

export function selectionDownloadHref(selectionId: string): string {
  return `/select/${encodeURIComponent(selectionId)}/download`;
}

/** A stored comparison's page, optionally at a page of its matches. */
export function comparisonHref(comparisonId: string, after?: string): string {
  return `/compare/${encodeURIComponent(comparisonId)}${after ? `?after=${encodeURIComponent(after)}` : ''}`;
}

/** A shareable search: `/search?q=…&mode=…` (mode left out when hybrid), `after` for later pages. */
export function searchHref(query: string, mode = 'hybrid', after?: string): string {
  const params = new URLSearchParams({ q: query });
  if (mode !== 'hybrid') params.set('mode', mode);
  if (after) params.set('after', after);
  return `/search?${params.toString()}`;
}

/** The "paste your text" page for an SAE, with the text when there is one. */
export function textHref(saeId?: string, text?: string): string {
  const params = new URLSearchParams();
  if (saeId) params.set('sae', saeId);
  if (text) params.set('text', text);
  const query = params.toString();
  return `/text${query ? `?${query}` : ''}`;
}
