import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Bundles GraphiQL + React into static/graphiql.{js,css}, served by the API (no CDN). */
const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: { graphiql: 'ide/graphiql-entry.ts' },
  outdir: 'static',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  platform: 'browser',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'eof',
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl' },
  logLevel: 'warning',
});

for (const file of ['graphiql.js', 'graphiql.css']) {
  const kib = statSync(new URL(`../static/${file}`, import.meta.url)).size / 1024;
  console.info(`static/${file}: ${kib.toFixed(0)} KiB`);
}
