import { importSaeBundle, openDatabase } from '@atlas/db';
import { z } from 'zod';
import { parseOptions } from '../options.ts';
import { stageProgress, terminalProgress } from '../progress.ts';
import { indexForSearch } from '../steps/search-index.ts';

const importOptions = z.object({
  bundle: z.string({ error: '--bundle DIR is required (a folder written by `atlas export`)' }),
});

/** `atlas import --bundle DIR`: verifies the bundle's checksums, then loads it in one transaction. */
export async function runImport(raw: Record<string, unknown>): Promise<void> {
  const options = parseOptions(importOptions, raw);
  const db = await openDatabase();
  const bars = stageProgress(terminalProgress);
  try {
    const result = await importSaeBundle(db, options.bundle, bars.onProgress);
    bars.stop();
    if (result.skipped) console.log(`${result.saeId} is already in the atlas with the same checksum; nothing to do.`);
    else console.log(`Imported ${result.saeId} (${Object.entries(result.rows).map(([t, n]) => `${t} ${n}`).join(', ')}).`);
    await indexForSearch(db, result.saeId, { progress: terminalProgress, log: console.log });
  } finally {
    bars.stop();
    await db.close();
  }
}
