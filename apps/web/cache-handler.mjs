// Next's data cache (lib/graphql.ts keeps anonymous API reads 30 s) as Next's own file-system cache
// with `isrFlushToDisk: false` has it, less one thing: a read missing from memory is not looked for
// on disk. Nothing is ever written there, yet every miss opened (ENOENT), stat-ed and threw, about
// 1 ms of `next start`'s CPU per feature page (five reads). Pages and static files behave as before.
// The subclass uses Next's internal module: next is pinned in package-lock.json, and the web e2e
// suite (fresh data after a label is written, the API-down page) runs through it.
import fileSystemCacheModule from 'next/dist/server/lib/incremental-cache/file-system-cache.js';

const FileSystemCache = fileSystemCacheModule.default ?? fileSystemCacheModule;

export default class MemoryDataCache extends FileSystemCache {
  /** @param {string} key @param {{ kind: string }} ctx */
  async get(key, ctx) {
    if (ctx.kind === 'FETCH' && !this.flushToDisk && !FileSystemCache.memoryCache?.has(key)) return null;
    return super.get(key, ctx);
  }
}
