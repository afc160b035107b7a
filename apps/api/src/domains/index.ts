import { catalog } from './catalog/index.ts';
import { compare } from './compare/index.ts';
import { contributions } from './contributions/index.ts';
import type { Domain } from './domain.ts';
import { jobs } from './jobs/index.ts';
import { labelScores } from './label-scores/index.ts';
import { search } from './search/index.ts';
import { selection } from './selection/index.ts';
import { steering } from './steering/index.ts';

/** Every GraphQL domain the server serves: registering a domain is one line here. */
export const domains = [catalog, jobs, steering, search, selection, compare, contributions, labelScores] as const satisfies readonly Domain[];
