import type { ConstDirectiveNode, GraphQLSchema } from 'graphql';

/** Lists whose size no @listSize gives count as this many elements. */
export const DEFAULT_LIST_SIZE = 10;
/** What an object of an introspection type (`__Type`, `__Field`, …) weighs: GraphiQL's schema query stays cheap, nested cycles do not. */
const INTROSPECTION_OBJECT_WEIGHT = 0.01;

/** What one field costs, read once from the schema's @cost, @listSize and @perRequest directives. */
export type FieldCost = {
  /** Added once per resolution of the field (@cost on the field). */
  weight: number;
  /** Added once per returned object (@cost on its type; objects 1, leaves 0). */
  typeWeight: number;
  isList: boolean;
  /** @listSize: the size when no slicing argument is given. */
  assumedSize: number | undefined;
  slicingArguments: readonly string[];
  /** @perRequest(max). */
  perRequest: number | undefined;
};

export type FieldCosts = ReadonlyMap<string, FieldCost>;

type AnyType = { name?: string; ofType?: AnyType; astNode?: { directives?: readonly ConstDirectiveNode[] } | null };
type AnyField = { name: string; type: AnyType; astNode?: { directives?: readonly ConstDirectiveNode[] } | null };

function directiveArgument(directives: readonly ConstDirectiveNode[] | undefined, name: string, argument: string) {
  return directives?.find((directive) => directive.name.value === name)?.arguments?.find((arg) => arg.name.value === argument)?.value;
}

function numberArgument(directives: readonly ConstDirectiveNode[] | undefined, name: string, argument: string): number | undefined {
  const value = directiveArgument(directives, name, argument);
  return value && (value.kind === 'IntValue' || value.kind === 'FloatValue') ? Number(value.value) : undefined;
}

function stringListArgument(directives: readonly ConstDirectiveNode[] | undefined, name: string, argument: string): string[] {
  const value = directiveArgument(directives, name, argument);
  if (!value) return [];
  const items = value.kind === 'ListValue' ? value.values : [value];
  return items.flatMap((item) => (item.kind === 'StringValue' ? [item.value] : []));
}

/** The named type under non-null and list wrappers, and whether a list is among them (read structurally: any copy of graphql-js works). */
function unwrap(type: AnyType): { named: AnyType; isList: boolean } {
  let named = type;
  while (named.ofType) named = named.ofType;
  return { named, isList: String(type).includes('[') };
}

/** Object, interface and union types: what a selection set applies to. */
function isComposite(type: AnyType): boolean {
  return 'getInterfaces' in type || 'getTypes' in type;
}

/** The cost of every field of every output type, keyed `Type.field`. */
export function readFieldCosts(schema: GraphQLSchema): FieldCosts {
  const costs = new Map<string, FieldCost>();
  for (const type of Object.values(schema.getTypeMap()) as unknown as AnyType[]) {
    if (!('getInterfaces' in type)) continue;
    const fields = (type as unknown as { getFields(): Record<string, AnyField> }).getFields();
    for (const field of Object.values(fields)) {
      const { named, isList } = unwrap(field.type);
      const directives = field.astNode?.directives;
      const introspection = named.name?.startsWith('__') ?? false;
      const objectWeight = introspection ? INTROSPECTION_OBJECT_WEIGHT : 1;
      costs.set(`${type.name}.${field.name}`, {
        weight: numberArgument(directives, 'cost', 'weight') ?? 0,
        typeWeight: isComposite(named) ? (numberArgument(named.astNode?.directives, 'cost', 'weight') ?? objectWeight) : 0,
        isList,
        assumedSize: numberArgument(directives, 'listSize', 'assumedSize'),
        slicingArguments: stringListArgument(directives, 'listSize', 'slicingArguments'),
        perRequest: numberArgument(directives, 'perRequest', 'max'),
      });
    }
  }
  return costs;
}

/** How many times a field's selection is resolved, given its arguments (see @listSize). */
export function fieldSize(cost: FieldCost, args: Record<string, unknown>): number {
  for (const name of cost.slicingArguments) {
    const value = args[name];
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value);
  }
  if (cost.assumedSize !== undefined) return cost.assumedSize;
  return cost.isList ? DEFAULT_LIST_SIZE : 1;
}
