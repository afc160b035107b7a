import { listPoolSamples, type AtlasDb } from '@atlas/db';
import { sampleText } from '../representation/sample-text.ts';

/** Every sample of a pool as (id, text), by position, read in pages. */
export async function readPoolTexts(db: AtlasDb, poolId: string): Promise<{ ids: number[]; texts: string[] }> {
  const ids: number[] = [];
  const texts: string[] = [];
  let after: number | null = null;
  for (;;) {
    const page = await listPoolSamples(db, { poolId, afterPosition: after, limit: 10_000 });
    if (page.length === 0) break;
    for (const sample of page) {
      ids.push(sample.id);
      texts.push(sampleText(sample));
    }
    after = page.at(-1)!.position;
  }
  return { ids, texts };
}
