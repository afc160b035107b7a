import { readFileSync } from 'node:fs';

/** The fixed SDL (`schema/schema.graphql`), the source of both the server and the codegen types. */
export const typeDefs = readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8');
