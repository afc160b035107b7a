import { z } from 'zod';
import { CliError } from '../cli-error.ts';
import type { Flags, FlagValues } from './flag.ts';

/** A rule across flags (`--k` ≤ `--width`): checked once every flag is valid on its own. */
export interface Rule<Values> {
  holds(options: Values): boolean;
  /** Names the flags and the fix. */
  message: string;
}

/** The schema of a command's options: each flag's own check, then the rules across flags. */
export function flagsSchema<F extends Flags>(flags: F, rules: readonly Rule<FlagValues<F>>[] = []): z.ZodType<FlagValues<F>> {
  const shape = Object.fromEntries(Object.entries(flags).map(([key, flag]) => [key, flag.schema(key)]));
  let schema: z.ZodType<FlagValues<F>> = z.object(shape) as unknown as z.ZodType<FlagValues<F>>;
  for (const rule of rules) schema = schema.refine((options) => rule.holds(options), { error: rule.message });
  return schema;
}

/** Validates options (commander's strings, or values from code) against a schema; every problem is listed. */
export function parseFlags<Values>(schema: z.ZodType<Values>, raw: unknown): Values {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  - ${issue.message}`);
  throw new CliError(`Invalid options:\n${problems.join('\n')}`);
}
