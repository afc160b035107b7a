// A real API process for tests that must watch it from outside (crashes, memory): in-memory
// PGlite seeded with the test atlas, on a free port of 127.0.0.1, its URL printed as one JSON line.
// Run: node --import tsx apps/api/test/support/api-child.ts
import { openDatabase } from '@atlas/db';
import { createApiServer } from '../../src/index.ts';
import { seedAtlas } from './atlas-fixture.ts';

const db = await openDatabase({ inMemory: true });
await seedAtlas(db);
let unexpected = 0;
const server = await createApiServer({
  db,
  port: 0,
  // The suite shares a busy machine: a request that needs more than the production 30 s there is
  // slow, not broken, so it gets the test servers' 10 minutes (the deadline has its own tests).
  limits: { timeoutMs: 10 * 60_000 },
  logger: {
    debug: () => {},
    info: () => {},
    warn: (...args) => console.warn(...args),
    error: (...args) => {
      unexpected += 1;
      console.error(...args);
    },
  },
});
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on('SIGTERM', () => {
  process.stderr.write(`api-child: ${unexpected} errors logged\n`);
  void server.stop().then(() => db.close()).then(() => process.exit(0));
});
