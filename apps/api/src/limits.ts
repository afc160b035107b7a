import { badUserInput } from './errors.ts';

/** Page sizes a client may ask for with `first`. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
/** Top activations returned when `first` is not given (the pipeline stores 20 per feature). */
export const DEFAULT_TOP_ACTIVATIONS = 20;

/** Validates a `first` argument: 1..100, or the default when omitted. */
export function pageSize(first: number | null | undefined, fallback: number, field: string): number {
  if (first === null || first === undefined) return fallback;
  if (first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`${field}(first: ${first}) is out of range: first must be between 1 and ${MAX_PAGE_SIZE} (the limit is ${MAX_PAGE_SIZE})`);
  }
  return first;
}
