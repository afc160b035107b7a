import { test } from 'vitest';
test('scratch', async () => { await import(process.env.SCRATCH!); }, 600_000);
