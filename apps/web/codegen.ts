import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Result and variable types of the web app's operations, generated from the API's schema and the
 * `/* GraphQL *\/` documents in src/lib/queries (graphql-tag-pluck finds them). The output is
 * checked in; `npm run codegen -w @atlas/web` regenerates it (typecheck and build run it first).
 *
 * typescript-operations 6 (the line that goes with @graphql-codegen/typescript 6 and
 * visitor-plugin-common 7) works on its own: it emits only the enums and input types the
 * operations use, so the `typescript` plugin is not added (with it, enums come out twice).
 * What the v5 options did is its default now: no schema object types (`onlyOperationTypes`),
 * `__typename` only where selected (`skipTypename`), enums as string-literal unions
 * (`enumsAsTypes`, now `enumType`), and result fields never optional (nullable ones are
 * `T | null`). Nullable variables stay optional (`first?: number | null`): the API has defaults.
 */
const config: CodegenConfig = {
  schema: '../api/schema/schema.graphql',
  documents: ['src/lib/queries/**/*.ts'],
  generates: {
    'src/generated/operations.ts': {
      plugins: ['typescript-operations'],
      config: {
        enumType: 'string-literal',
        avoidOptionals: false,
        scalars: {
          ID: { input: 'string', output: 'string' },
          String: { input: 'string', output: 'string' },
        },
      },
    },
  },
};

export default config;
