import type { ParamProblem } from '@/lib/search-param-fields';

/** Says which URL parameters were not used and what they may be, above the page that ignored them. */
export function ParamProblems({ problems }: { problems: readonly ParamProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <section className="notice notice-warning" role="alert" data-testid="param-problems">
      <h2>Part of this address was not understood</h2>
      <ul>
        {problems.map((problem) => (
          <li key={problem.param}>
            <code>?{problem.param}={problem.value.length > 80 ? `${problem.value.slice(0, 80)}…` : problem.value}</code> was
            ignored: <strong>{problem.param}</strong> must be {problem.allowed}.
          </li>
        ))}
      </ul>
      <p className="muted small">The page below shows the default instead.</p>
    </section>
  );
}
