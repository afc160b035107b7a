import type { CliCommand } from './define-command.ts';
import { buildDemoCommand } from './commands/build-demo.ts';
import { buildCommand } from './commands/build.ts';
import { compareCommand } from './commands/compare.ts';
import { evalCommand } from './commands/eval.ts';
import { exportCommand } from './commands/export.ts';
import { extractCommand } from './commands/extract.ts';
import { featuresForTextCommand } from './commands/features-for-text.ts';
import { hooksCommand } from './commands/hooks.ts';
import { importCommand } from './commands/import.ts';
import { importPoolCommand } from './commands/import-pool.ts';
import { labelCommand } from './commands/label.ts';
import { scoreLabelsCommand } from './commands/score-labels.ts';
import { selectCommand } from './commands/select.ts';
import { searchCommand } from './commands/search.ts';
import { trainCommand } from './commands/train.ts';
import { usersCommand } from './commands/users.ts';
import { workerCommand } from './commands/worker.ts';

/** Every `atlas` command, in the order `atlas --help` lists them. A new command is one file and one line here. */
export const COMMANDS: readonly CliCommand[] = [
  extractCommand,
  hooksCommand,
  trainCommand,
  evalCommand,
  buildDemoCommand,
  buildCommand,
  labelCommand,
  scoreLabelsCommand,
  compareCommand,
  searchCommand,
  featuresForTextCommand,
  exportCommand,
  importCommand,
  importPoolCommand,
  selectCommand,
  workerCommand,
  usersCommand,
];
