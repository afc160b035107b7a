import { test } from 'vitest';
test.skipIf(!process.env.SCRATCH)('scratch', async () => { await import(process.env.SCRATCH!); }, 600_000);
