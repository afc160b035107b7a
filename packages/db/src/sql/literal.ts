/** SQL string literal (index predicates must be literals for the planner to match them). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
