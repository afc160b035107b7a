import { z } from 'zod';
import { badUserInput } from '../../errors.ts';

/** `steer`'s defaults (as in the schema) for arguments sent as an explicit null. */
export const STEERING_DEFAULTS = { maxTokens: 32, temperature: 0 } as const;

/** Limits of `steer`, documented in the schema, checked before any model is loaded (the context length is checked once it is). */
export const STEERING_LIMITS = {
  maxPromptChars: 2000,
  /** In units of the feature's activation: far past any feature's max, short of overflowing the residual stream. */
  maxStrength: 200,
  maxTokens: 128,
  maxTemperature: 2,
} as const;

const SteerArgsSchema = z.object({
  prompt: z
    .string()
    .max(STEERING_LIMITS.maxPromptChars, `must be at most ${STEERING_LIMITS.maxPromptChars} characters`)
    .refine((prompt) => prompt.trim().length > 0, 'must contain some text (it is empty or only whitespace)'),
  strength: z
    .number()
    .refine(Number.isFinite, 'must be a finite number')
    .refine((s) => Math.abs(s) <= STEERING_LIMITS.maxStrength, `must be between -${STEERING_LIMITS.maxStrength} and ${STEERING_LIMITS.maxStrength}`),
  maxTokens: z
    .number()
    .int()
    .min(1, `must be between 1 and ${STEERING_LIMITS.maxTokens}`)
    .max(STEERING_LIMITS.maxTokens, `must be between 1 and ${STEERING_LIMITS.maxTokens}`),
  temperature: z
    .number()
    .min(0, `must be between 0 (greedy) and ${STEERING_LIMITS.maxTemperature}`)
    .max(STEERING_LIMITS.maxTemperature, `must be between 0 (greedy) and ${STEERING_LIMITS.maxTemperature}`),
  seed: z.number().int().min(0, 'must be a non-negative integer').nullable(),
});

export type SteerArgs = z.infer<typeof SteerArgsSchema>;

export type RawSteerArgs = {
  prompt: string;
  strength: number;
  maxTokens?: number | null;
  temperature?: number | null;
  seed?: number | null;
};

/**
 * Validates `steer`'s arguments (GraphQL has already checked their types). Every problem is
 * reported at once, each naming the argument, its value and the allowed range: BAD_USER_INPUT.
 */
export function parseSteerArgs(args: RawSteerArgs): SteerArgs {
  const parsed = SteerArgsSchema.safeParse({
    prompt: args.prompt,
    strength: args.strength,
    // An explicit null means "use the default", as when the argument is left out.
    maxTokens: args.maxTokens ?? STEERING_DEFAULTS.maxTokens,
    temperature: args.temperature ?? STEERING_DEFAULTS.temperature,
    seed: args.seed ?? null,
  });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const value = name === 'prompt' ? `${args.prompt.length} characters` : String(args[name as keyof RawSteerArgs]);
    return `${name} (${value}) ${issue.message}`;
  });
  throw badUserInput(`steer: ${problems.join('; ')}.`);
}
