// Prints pg-boss's own SQL for its schema as a drizzle migration body (statements separated by
// `--> statement-breakpoint`, which PGlite's migrator needs: one statement per query), for
// db/migrations. pg-boss runs with `migrate: false`, so its schema comes only from migrations:
//   node packages/jobs/scripts/pgboss-migration.mjs          # construction plan (a fresh database)
//   node packages/jobs/scripts/pgboss-migration.mjs 24       # upgrade from schema version 24 (after bumping pg-boss)
// Paste the output into a migration made by `node scripts/drizzle-kit.mjs generate --custom --name …`
// (run in packages/db). Its BEGIN/COMMIT and advisory lock are dropped: drizzle runs every
// migration in one transaction under the atlas migration lock.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PgBoss = require('pg-boss');

const from = process.argv[2];
const plan = from === undefined ? PgBoss.getConstructionPlans('pgboss') : PgBoss.getMigrationPlans('pgboss', Number(from));
console.log(splitStatements(plan).filter((statement) => !isTransactionControl(statement)).join(';\n--> statement-breakpoint\n') + ';');

function isTransactionControl(statement) {
  return /^(BEGIN|COMMIT|SET LOCAL|SELECT pg_advisory_xact_lock)\b/i.test(statement);
}

/** Top-level statements of a SQL script (semicolons inside $tag$ … $tag$ bodies and quotes do not split). */
function splitStatements(script) {
  const statements = [];
  let current = '';
  let dollarTag = null;
  let quoted = false;
  for (let i = 0; i < script.length; i += 1) {
    const char = script[i];
    if (dollarTag) {
      if (script.startsWith(dollarTag, i)) {
        current += dollarTag;
        i += dollarTag.length - 1;
        dollarTag = null;
      } else current += char;
      continue;
    }
    if (quoted) {
      current += char;
      if (char === "'") quoted = false;
      continue;
    }
    const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(i))?.[0];
    if (tag) {
      dollarTag = tag;
      current += tag;
      i += tag.length - 1;
    } else if (char === "'") {
      quoted = true;
      current += char;
    } else if (char === ';') {
      statements.push(current);
      current = '';
    } else current += char;
  }
  statements.push(current);
  return statements.map((statement) => statement.trim()).filter((statement) => statement.length > 0);
}
