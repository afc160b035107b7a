import { inspect } from 'node:util';
import { oneLine, userFacingError } from '@atlas/errors';
import { CommanderError } from 'commander';
import { CliError } from './cli-error.ts';

/** Commander's exits after printing help or the version: not errors. */
const HELP_EXITS = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/**
 * The one place the CLI decides what a failure looks like. A user-facing error from any package
 * (an AtlasError with a user-facing code) is one line, `atlas: <message> [<CODE>]`, status 2;
 * commander's usage errors (unknown option, missing value) are user errors too. Anything else
 * is a bug: the full error with its stack and causes, status 1. Returns the exit status.
 */
export function reportError(error: unknown, usage: string, write: (text: string) => void = (text) => process.stderr.write(text)): number {
  if (error instanceof CommanderError) {
    if (HELP_EXITS.has(error.code)) return error.exitCode;
    error = new CliError(`${error.message.replace(/^error: /, '').replaceAll('\n', ' ')}. See \`${usage}\`.`);
  }
  const userError = userFacingError(error);
  if (userError) {
    write(`atlas: ${oneLine(userError.message)} [${userError.code}]\n`);
    return 2;
  }
  write(`${inspect(error, { depth: 4 })}\n`);
  return 1;
}
