import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { CliError } from './cli-error.ts';

// Checked before minutes of work, so a mistyped path fails at once with the fix.

export function requireDirectory(dir: string, what: string, fix: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CliError(`${what} not found: ${path.resolve(dir)}. ${fix}`);
  }
}

/** Every `--activations` path exists (a file or a folder of them). */
export function requireActivationPaths(paths: readonly string[]): void {
  for (const file of paths) {
    if (!existsSync(file)) {
      throw new CliError(`Activation file not found: ${path.resolve(file)}. Make one with \`atlas extract … --out FILE.safetensors\`.`);
    }
  }
}

/** The model folder every model-reading command takes. */
export function requireModelFolder(dir: string): void {
  requireDirectory(dir, 'Model folder', 'Pass --model with a Hugging Face ONNX folder (config.json, tokenizer.json, onnx/model.onnx or onnx/decoder_model.onnx).');
}
