import path from 'node:path';
import type { NextConfig } from 'next';

// Nothing here reaches the network at build time: fonts are system stacks and every
// GraphQL request waits for a real incoming request (see src/lib/graphql.ts).
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm run bench:api -- --web-before <dir>` serves a second build from another folder beside this one.
  ...(process.env['ATLAS_WEB_DIST_DIR'] ? { distDir: process.env['ATLAS_WEB_DIST_DIR'] } : {}),
  // Workspace packages the web imports are TypeScript sources (their `exports` point at src/*.ts).
  transpilePackages: ['@atlas/errors', '@atlas/ids'],
  experimental: {
    // The data cache (lib/graphql.ts: anonymous API reads, kept 30 s) stays in memory (Next's LRU,
    // 50 MB): on disk every first visit of a feature page wrote ~100 kB of JSON (mkdir, open, write,
    // close), 7–11% of `next start`'s CPU under load (docs/benchmarks.md, issue 16). A restart
    // starts with an empty cache, which a 30 s cache barely notices.
    isrFlushToDisk: false,
  },
  // The same cache, without looking on disk for reads it does not hold (cache-handler.mjs).
  cacheHandler: path.join(import.meta.dirname, 'cache-handler.mjs'),
};

export default nextConfig;
