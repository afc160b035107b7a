import { findBuiltIn, listCorpora } from './built-in.ts';
import { CorpusError } from './corpus-error.ts';
import { isLocalCorpusPath, loadLocalCorpus } from './local-files.ts';
import type { Corpus } from './types.ts';

/**
 * Loads a built-in corpus by name (`sotu`, `moby-dick`, `wordnet`, `demo`) or a local
 * `.txt` / `.jsonl` file by path.
 */
export async function loadCorpus(nameOrPath: string): Promise<Corpus> {
  const names = listCorpora().map((c) => c.name);
  const builtIn = findBuiltIn(nameOrPath);
  if (builtIn) return { name: builtIn.name, documents: await builtIn.load() };
  if (isLocalCorpusPath(nameOrPath)) return loadLocalCorpus(nameOrPath, names);
  throw new CorpusError(
    `Unknown corpus "${nameOrPath}". Built-in corpora: ${names.join(', ')}. ` +
      `A path to a .txt (documents separated by blank lines) or .jsonl ({"text": ...} per line) file is also accepted.`,
  );
}
