import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { ApiContext } from '../context.ts';
import { readFieldCosts, type FieldCosts } from '../cost/field-costs.ts';
import { operationCost } from '../cost/operation-cost.ts';
import { queryTooCostly } from '../errors.ts';
import { refusal } from '../refusal.ts';
import type { RequestLimits } from '../request-limits.ts';

const HOW_TO_REDUCE = 'Ask for smaller pages (first), fewer fields or fewer aliases, or split the query into several requests';

/**
 * Refuses, before anything is resolved, operations over the cost, alias or expanded-size limits
 * and those asking for a @perRequest field more often than allowed (QUERY_TOO_COSTLY, HTTP 400).
 * Costs need the variables (`first: $n`), so this runs once the operation is resolved, not as a
 * validation rule. The cost is kept on the context for the logs.
 */
export function queryCostPlugin(limits: Pick<RequestLimits, 'maxCost' | 'maxAliases' | 'maxExpandedFields'>): ApolloServerPlugin<ApiContext> {
  const costsBySchema = new WeakMap<GraphQLSchema, FieldCosts>();
  const costsOf = (schema: GraphQLSchema) => {
    let costs = costsBySchema.get(schema);
    if (!costs) {
      costs = readFieldCosts(schema);
      costsBySchema.set(schema, costs);
    }
    return costs;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          const measured = operationCost({
            schema, document, costs: costsOf(schema), maxNodes: limits.maxExpandedFields,
            operationName: operation?.name?.value, variables: request.variables,
          });
          if (measured.kind === 'invalid-variables') return;
          if (measured.kind === 'too-large') {
            throw refusal(queryTooCostly(
              `This query expands to more than ${limits.maxExpandedFields} fields once its fragments are spread where they are used; ` +
                `the limit is ${limits.maxExpandedFields}. Spread fewer fragments, or split the query into several requests.`,
            ), 400);
          }
          contextValue.cost = measured.cost;
          if (measured.aliases > limits.maxAliases) {
            throw refusal(queryTooCostly(
              `This query uses ${measured.aliases} aliases; the limit is ${limits.maxAliases}. ${HOW_TO_REDUCE}.`,
            ), 400);
          }
          for (const [field, count] of measured.perRequest) {
            const max = costsOf(schema).get(field)?.perRequest ?? count;
            if (count > max) {
              throw refusal(queryTooCostly(
                `This query asks for ${field.replace(/^Query\./, '')} ${count} times; one request may ask for it ${max === 1 ? 'once' : `${max} times`}. Send one request per ${field.replace(/^Query\./, '')}.`,
              ), 400);
            }
          }
          if (measured.cost > limits.maxCost) {
            throw refusal(queryTooCostly(
              `This query costs ${formatCost(measured.cost)}; the maximum is ${limits.maxCost}. ${HOW_TO_REDUCE}. ` +
                'Each object counts 1 (an activation example 3, a decoder vector 10), times the page size (first) of every list above it.',
            ), 400);
          }
        },
      };
    },
  };
}

function formatCost(cost: number): string {
  return Number.isInteger(cost) ? String(cost) : cost.toFixed(1);
}
