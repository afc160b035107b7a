import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Refuses operations of a type the schema does not have (`mutation { … }` while no domain adds a
 * Mutation) at validation, with a message, instead of failing inside execution. graphql-js 17
 * has this rule (KnownOperationTypesRule); 16 does not.
 */
export const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    const schema = context.getSchema();
    const root = operation.operation === 'query' ? schema.getQueryType()
      : operation.operation === 'mutation' ? schema.getMutationType()
        : schema.getSubscriptionType();
    if (root) return;
    context.reportError(
      new GraphQLError(`This API has no ${operation.operation}s: the schema defines no ${operation.operation} type. Send a query; the schema (introspection, or GraphiQL at /) lists what can be asked.`, {
        nodes: [operation],
      }),
    );
  },
});
