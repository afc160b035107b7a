import { validateK } from '../validate.ts';
import type { SaeLensReading } from './architecture.ts';
import type { ArchitectureOptions } from './architecture-options.ts';
import { positiveIntegerField } from '../formats/saelens-values.ts';

/** Default per-row cap on the sparse codes of relu/jumprelu/gba (and candidates per row for batchtopk: 4k). */
export const DEFAULT_MAX_ACTIVE = 256;

/**
 * relu, jumprelu and gba fire any number of latents; their codes keep the `maxActive` largest per
 * row (default min(width, 256)), and that cap is the SAE's k.
 */
export function planCodeCap({ maxActive, width }: ArchitectureOptions): { k: number; slots: number } {
  const slots = maxActive ?? Math.min(width, DEFAULT_MAX_ACTIVE);
  if (maxActive !== undefined) validateK(maxActive, width);
  return { k: slots, slots };
}

/** The cap saved as `metadata.atlas_max_active`; SAELens's own files have none: min(width, 256). */
export function readCodeCap({ metadata, width, fail }: SaeLensReading): number {
  return metadata.atlas_max_active === undefined
    ? Math.min(width, DEFAULT_MAX_ACTIVE)
    : positiveIntegerField(metadata.atlas_max_active, 'metadata.atlas_max_active', fail);
}
