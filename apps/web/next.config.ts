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
};

export default nextConfig;
