import { AtlasError } from '@atlas/errors';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { reportError } from '../src/report-error.ts';

function report(error: unknown): { status: number; text: string } {
  let text = '';
  const status = reportError(error, 'atlas train --help', (chunk) => (text += chunk));
  return { status, text };
}

describe('reportError, the CLI side of the error contract', () => {
  it('prints a user-facing error from any package as one line with its code, status 2', () => {
    class SomePackageError extends AtlasError {
      static override defaultCode = 'NOT_FOUND' as const;
    }
    expect(report(new SomePackageError('Nothing to export:\n  - no SAE "x" in the atlas\n  - no model "y"'))).toEqual({
      status: 2,
      text: 'atlas: Nothing to export: no SAE "x" in the atlas; no model "y" [NOT_FOUND]\n',
    });
  });

  it('treats any other error as a bug: the stack is printed, status 1', () => {
    const bug = report(new TypeError('cannot read properties of undefined'));
    expect(bug.status).toBe(1);
    expect(bug.text).toMatch(/^TypeError: cannot read properties of undefined\n\s+at /);
    const internal = report(new AtlasError('an invariant broke'));
    expect(internal.status).toBe(1);
    expect(internal.text).toMatch(/AtlasError: an invariant broke\n\s+at /);
  });

  it("prints commander's usage errors as one line pointing at the help, status 2", () => {
    expect(report(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--wdth'\n(Did you mean --width?)"))).toEqual({
      status: 2,
      text: "atlas: unknown option '--wdth' (Did you mean --width?). See `atlas train --help`. [BAD_USER_INPUT]\n",
    });
    expect(report(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'))).toEqual({ status: 0, text: '' });
  });
});
