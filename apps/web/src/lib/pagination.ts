import type { SaeListPosition } from './routes';

/**
 * Cursor pagination with a back-stack kept in the URL: `prev` holds the `after` of each
 * earlier page ('' for the first page), so "Previous" needs no backwards cursor from the API.
 */
export interface ListState {
  first: number;
  after?: string | undefined;
  prev: readonly string[];
  /** The list's order and filter: every position keeps them. */
  sort?: string | undefined;
  quality?: string | undefined;
  label?: string | undefined;
}

function view(state: ListState): Pick<SaeListPosition, 'sort' | 'quality' | 'label'> {
  return {
    ...(state.sort ? { sort: state.sort } : {}),
    ...(state.quality ? { quality: state.quality } : {}),
    ...(state.label ? { label: state.label } : {}),
  };
}

export function nextPosition(state: ListState, endCursor: string): SaeListPosition {
  return { first: state.first, after: endCursor, prev: [...state.prev, state.after ?? ''], ...view(state) };
}

/** The page before this one, or undefined on the first page. */
export function previousPosition(state: ListState): SaeListPosition | undefined {
  if (state.after === undefined) return undefined;
  if (state.prev.length === 0) return { first: state.first, ...view(state) }; // arrived by a bare link: go to the start
  const after = state.prev[state.prev.length - 1];
  return { first: state.first, ...(after ? { after } : {}), prev: state.prev.slice(0, -1), ...view(state) };
}

export function firstPosition(state: ListState): SaeListPosition {
  return { first: state.first, ...view(state) };
}
