import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, found from this file so commands work from any working directory. */
export const repoRoot = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));
/** Local, git-ignored data: the embedded database and intermediate build artifacts. */
export const atlasDataDir = path.join(repoRoot, '.atlas');
