import type { DocumentNode, GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { fieldSize, type FieldCosts } from './field-costs.ts';

/** What one operation asks of the server, counted with every fragment spread where it is spread. */
export type OperationCost =
  | {
      kind: 'measured';
      cost: number;
      /** Fields given an alias (other than `__typename`). */
      aliases: number;
      /** How often each @perRequest field is asked for, by `Type.field`. */
      perRequest: Map<string, number>;
    }
  /** The operation expands (fragments spread where they are spread) to more than `maxNodes` fields. */
  | { kind: 'too-large'; maxNodes: number }
  /** Its variables do not fit it: execution refuses it with BAD_USER_INPUT before resolving anything. */
  | { kind: 'invalid-variables' };

const NODE_LIMIT_MESSAGE = 'Query exceeds the maximum allowed number of nodes.';

/**
 * The cost of the operation to execute (graphql-query-complexity, with the schema's @cost and
 * @listSize): a field costs its weight, plus its size (a page's `first`, a list's assumed size)
 * times the weight of its type and the cost of its selection. The library stops after `maxNodes`
 * fields, so the work is bounded even for fragments that spread each other many times over.
 */
export function operationCost(
  { schema, document, operationName, variables, costs, maxNodes }: {
    schema: GraphQLSchema;
    document: DocumentNode;
    operationName: string | undefined;
    variables: Record<string, unknown> | undefined;
    costs: FieldCosts;
    maxNodes: number;
  },
): OperationCost {
  let aliases = 0;
  const perRequest = new Map<string, number>();
  const estimator = ({ type, field, node, args, childComplexity }: ComplexityEstimatorArgs): number => {
    if (node.alias && node.name.value !== '__typename') aliases += 1;
    const key = `${type.name}.${field.name}`;
    const cost = costs.get(key);
    if (!cost) return childComplexity; // __typename, __schema, __type
    if (cost.perRequest !== undefined) perRequest.set(key, (perRequest.get(key) ?? 0) + 1);
    return cost.weight + fieldSize(cost, args) * (cost.typeWeight + childComplexity);
  };
  try {
    const cost = getComplexity({
      schema, query: document, estimators: [estimator], maxQueryNodes: maxNodes,
      ...(operationName ? { operationName } : {}),
      ...(variables ? { variables } : {}),
    });
    return { kind: 'measured', cost, aliases, perRequest };
  } catch (error) {
    if (error instanceof Error && error.message === NODE_LIMIT_MESSAGE) return { kind: 'too-large', maxNodes };
    return { kind: 'invalid-variables' };
  }
}
