import { z } from 'zod';

/** A summary figure as the compare job stores it (`SummaryFigure` of @atlas/compare), read back from jsonb. */
const storedFigure = z.object({
  name: z.string(),
  value: z.number(),
  description: z.string(),
  null: z.object({ kind: z.string(), draws: z.number().int(), mean: z.number(), sd: z.number(), max: z.number() }).optional(),
  pValue: z.number().optional(),
});
export type StoredFigure = z.infer<typeof storedFigure>;

/** The run's figures; a row that does not parse is a bug upstream, not the client's problem. */
export function storedFigures(figures: unknown[]): StoredFigure[] {
  return z.array(storedFigure).parse(figures);
}
