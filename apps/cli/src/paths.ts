import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, found from this file so commands work from any working directory. */
export const repoRoot = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/**
 * Local, git-ignored data: the embedded database and intermediate build artifacts.
 * `ATLAS_DATA_DIR` moves both (the database package reads the same variable).
 */
export function atlasDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.ATLAS_DATA_DIR ? path.resolve(env.ATLAS_DATA_DIR) : path.join(repoRoot, '.atlas');
}
