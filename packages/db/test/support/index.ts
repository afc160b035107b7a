/** Test helpers other packages' tests use through `@atlas/db/testing`: a throwaway Postgres, and one SAE's rows to compare. */
export * from './postgres-server.ts';
export { dumpSae } from './sae-dump.ts';
