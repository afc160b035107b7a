import { catalog } from './catalog/index.ts';
import type { Domain } from './domain.ts';
import { search } from './search/index.ts';
import { steering } from './steering/index.ts';

/** Every GraphQL domain the server serves: registering a domain is one line here. */
export const domains = [catalog, steering, search] as const satisfies readonly Domain[];
