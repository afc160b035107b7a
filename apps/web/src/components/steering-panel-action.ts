'use server';

import { z } from 'zod';
import { isApiError } from '@/lib/graphql';
import { steerFeature, type SteeringResult } from '@/lib/queries/steering';

/**
 * The steering panel's one server call. A server action rather than a browser fetch: the API URL
 * (ATLAS_API_URL) is a server-side setting that may name a host only this server can reach, and
 * the API sends no CORS headers. The API checks the limits again; checking here gives the form
 * the same messages without a round trip.
 */
const SteerInput = z.object({
  featureId: z.string().min(1),
  prompt: z.string().trim().min(1, 'Write a prompt.').max(2000, 'The prompt is limited to 2,000 characters.'),
  strength: z.number().min(-200, 'Strength is limited to ±200.').max(200, 'Strength is limited to ±200.'),
  maxTokens: z.number().int().min(1, 'Generate 1 to 128 tokens.').max(128, 'Generate 1 to 128 tokens.'),
});

export type SteerInput = z.input<typeof SteerInput>;

export type SteerOutcome = { ok: true; result: SteeringResult } | { ok: false; code: string; message: string };

export async function runSteering(input: SteerInput): Promise<SteerOutcome> {
  const parsed = SteerInput.safeParse(input);
  if (!parsed.success) {
    return { ok: false, code: 'BAD_USER_INPUT', message: parsed.error.issues.map((issue) => issue.message).join(' ') };
  }
  try {
    // The prompt is sent as typed: leading spaces are tokens too.
    return { ok: true, result: await steerFeature({ ...parsed.data, prompt: input.prompt }) };
  } catch (error) {
    if (isApiError(error)) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
