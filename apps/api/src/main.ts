import { openDatabase } from '@atlas/db';
import { loadEnv } from './env.ts';
import { createApiServer } from './server.ts';

const env = loadEnv();
const db = await openDatabase();
const server = await createApiServer({ db, port: env.PORT });
console.info(`Feature Atlas API ready at ${server.url} (GraphiQL: open it in a browser)`);

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    console.warn(`${signal} again: exiting without waiting.`);
    process.exit(1);
  }
  stopping = true;
  console.info(`${signal}: draining requests and closing the database…`);
  await server.stop();
  await db.close();
  process.exit(0);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, (received) => {
    shutdown(received).catch((error: unknown) => {
      console.error('Shutdown failed:', error);
      process.exit(1);
    });
  });
}
