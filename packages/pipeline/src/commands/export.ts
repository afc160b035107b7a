import { exportSaeBundle, openDatabase } from '@atlas/db';
import { z } from 'zod';
import { parseOptions } from '../options.ts';

const exportOptions = z.object({
  sae: z.string({ error: '--sae ID is required (e.g. demo-lm/blocks.2.hook_resid_post/topk-4096)' }),
  out: z.string({ error: '--out DIR is required (the bundle folder to create)' }),
});

/** `atlas export --sae ID --out DIR`: one SAE's atlas data as a versioned, checksummed bundle. */
export async function runExport(raw: Record<string, unknown>): Promise<void> {
  const options = parseOptions(exportOptions, raw);
  const db = await openDatabase();
  try {
    const manifest = await exportSaeBundle(db, options.sae, options.out);
    const counts = Object.entries(manifest.files).map(([table, file]) => `${table} ${file.rows}`).join(', ');
    console.log(`Exported ${options.sae} to ${options.out} (${counts}).`);
  } finally {
    await db.close();
  }
}
