/* global process, URL */
// Runs drizzle-kit with this package's drizzle-orm. npm installed drizzle-orm under
// packages/db/node_modules but hoisted drizzle-kit to the root, where it cannot resolve
// drizzle-orm (it fails with "Please install latest version of drizzle-orm"). Both of its
// resolvers are pointed here: NODE_PATH for require(), a resolve hook for import().
import { createRequire, Module, register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packageJson = new URL('../package.json', import.meta.url);
process.env.NODE_PATH = fileURLToPath(new URL('../node_modules', import.meta.url));
Module._initPaths();
register('./resolve-from-db-package.mjs', import.meta.url, { data: { parentURL: packageJson.href } });

const require = createRequire(packageJson);
const bin = join(dirname(require.resolve('drizzle-kit')), 'bin.cjs');
await import(pathToFileURL(bin).href);
