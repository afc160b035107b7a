import { GraphQLError, Kind, type FragmentDefinitionNode, type SelectionSetNode, type ValidationRule } from 'graphql';

/**
 * Rejects operations nested deeper than `maxDepth` fields (the schema has cycles:
 * feature → sae → features → … ). Introspection fields (`__schema`, `__type`) are not counted;
 * the cost analysis bounds them. Linear in the size of the document: each fragment's depth is
 * computed once and reused wherever it is spread (a fragment spreading another twice, 25 levels
 * down, must not mean 2^25 walks). Fragment cycles are left to graphql's NoFragmentCycles rule.
 */
export function depthLimit(maxDepth: number): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    /** Depth of each fragment's selection; 0 while it is being measured (a cycle adds nothing). */
    const fragmentDepths = new Map<string, number>();

    const fragmentDepth = (name: string): number => {
      const known = fragmentDepths.get(name);
      if (known !== undefined) return known;
      const fragment = fragments.get(name);
      if (!fragment) return 0;
      fragmentDepths.set(name, 0);
      const depth = depthOf(fragment.selectionSet);
      fragmentDepths.set(name, depth);
      return depth;
    };

    const depthOf = (selectionSet: SelectionSetNode): number => {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, 1 + (selection.selectionSet ? depthOf(selection.selectionSet) : 0));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet));
        } else {
          deepest = Math.max(deepest, fragmentDepth(selection.name.value));
        }
      }
      return deepest;
    };

    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet);
        if (depth > maxDepth) {
          const name = operation.name ? `Operation "${operation.name.value}"` : 'This operation';
          context.reportError(
            new GraphQLError(`${name} nests fields ${depth} levels deep; the limit is ${maxDepth}. Split it into several queries.`, {
              nodes: [operation],
            }),
          );
        }
      },
    };
  };
}
