import type { z } from 'zod';

/** Next passes search params as `Record<string, string | string[] | undefined>`. */
export type RawSearchParams = Record<string, string | string[] | undefined>;

/** One search parameter: how it is read, what it is when absent or bad, and the allowed values in words. */
export interface ParamField<T> {
  schema: z.ZodType<T>;
  fallback: T;
  /** For the message: "a whole number from 1 to 100". */
  allowed: string;
}

/** A search parameter that was given but could not be used; the page says so instead of ignoring it silently. */
export interface ParamProblem {
  param: string;
  value: string;
  allowed: string;
}

export type ParamFields<T> = { [K in keyof T]: ParamField<T[K]> };

/**
 * Reads each field on its own: an absent one takes its fallback quietly, a bad one takes its
 * fallback and is reported, so one typo does not lose the rest of the URL.
 */
export function readSearchParams<T extends object>(fields: ParamFields<T>, raw: RawSearchParams): { values: T; problems: ParamProblem[] } {
  const values = {} as T;
  const problems: ParamProblem[] = [];
  for (const key of Object.keys(fields) as (keyof T & string)[]) {
    const field = fields[key];
    const given = raw[key];
    if (given === undefined) {
      values[key] = field.fallback;
      continue;
    }
    const parsed = field.schema.safeParse(given);
    if (parsed.success) {
      values[key] = parsed.data;
    } else {
      values[key] = field.fallback;
      problems.push({ param: key, value: Array.isArray(given) ? given.join(', ') : given, allowed: field.allowed });
    }
  }
  return { values, problems };
}
