import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);

/** Absolute folder of an installed npm package (found through its package.json). */
export function packageDir(packageName: string): string {
  return dirname(require.resolve(`${packageName}/package.json`));
}
