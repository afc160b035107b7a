// A worker process for the killed-worker test: `node --import tsx worker-child.ts URL`.
import { runWorkerProcess } from '../../src/index.ts';
import { testKinds } from './test-kinds.ts';

await runWorkerProcess({ url: process.argv[2]!, kinds: testKinds, concurrency: 1, log: (line) => console.log(line) });
