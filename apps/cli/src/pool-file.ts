import { createHash } from 'node:crypto';
import path from 'node:path';
import type { AtlasDb } from '@atlas/db';

/**
 * The pool a file becomes: `<file name>-<first 8 hex of its SHA-256>`, so running `atlas select`
 * on the same file again reuses the pool and its stored representations (resuming a build cut
 * short), while an edited file becomes a new pool.
 */
export function poolIdForFile(fileName: string, content: Uint8Array): string {
  const stem = path.basename(fileName).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 100) || 'pool';
  return `${stem}-${createHash('sha256').update(content).digest('hex').slice(0, 8)}`;
}

/** Imports a pool file unless the pool it becomes exists already; returns its id. */
export async function importPoolFile(db: AtlasDb, file: string, content: Uint8Array, skipMalformed: boolean): Promise<{ id: string; imported: number | null; skipped: number }> {
  const [{ importPool }, { getPoolsByIds }] = await Promise.all([import('@atlas/select'), import('@atlas/db')]);
  const id = poolIdForFile(file, content);
  if ((await getPoolsByIds(db, [id])).length > 0) return { id, imported: null, skipped: 0 };
  const result = await importPool(db, { id, content, fileName: path.basename(file), skipMalformed });
  return { id, imported: result.imported, skipped: result.skipped.length };
}
