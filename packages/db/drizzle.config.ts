import { defineConfig } from 'drizzle-kit';

// `npm run db:generate -w @atlas/db` writes SQL migrations to the repo's db/migrations.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: '../../db/migrations',
  strict: true,
});
