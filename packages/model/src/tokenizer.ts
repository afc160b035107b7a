import { AutoTokenizer, env } from '@huggingface/transformers';
import { byteLevelBytes, displayBytes } from './byte-display.ts';
import { ModelError } from './errors.ts';

/** The text side of a language model: ids in, display strings out. */
export interface Tokenizer {
  /** Token ids of `text`, with no special tokens added. */
  encode(text: string): number[];
  /** One display string per id, each decoded alone so a token's leading space is kept. */
  decodeTokens(ids: ArrayLike<number>): string[];
  /** The whole sequence as text. */
  decode(ids: ArrayLike<number>): string;
  /** End-of-text id (documents are joined with it), or null when the tokenizer has none. */
  eosTokenId: number | null;
  vocabSize: number;
}

/**
 * Loads `tokenizer.json` + `tokenizer_config.json` from an absolute folder with transformers.js,
 * offline: remote models are switched off for the whole process, so nothing is ever downloaded.
 */
export async function loadTokenizer(dir: string): Promise<Tokenizer> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  // An absolute path is never taken for a hub id, so localModelPath is not prepended to it.
  if (!dir.startsWith('/')) throw new ModelError(`loadTokenizer needs an absolute folder, got "${dir}".`);
  let tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(dir, { local_files_only: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ModelError(`Could not load the tokenizer from ${dir} (tokenizer.json, tokenizer_config.json): ${reason}`);
  }
  const vocab = tokenizer.get_vocab() as Map<string, number>;
  let entryById: Map<number, string> | undefined;
  const display = new Map<number, string>();
  const decodeOne = (id: number): string => {
    let text = display.get(id);
    if (text === undefined) {
      text = tokenizer.decode([id], { skip_special_tokens: false, clean_up_tokenization_spaces: false });
      if (text.includes('\uFFFD')) {
        // Part of a multi-byte character: show its bytes instead of a bare U+FFFD.
        entryById ??= new Map([...vocab].map(([entry, tokenId]) => [tokenId, entry]));
        const bytes = byteLevelBytes(entryById.get(id) ?? '');
        if (bytes) text = displayBytes(bytes);
      }
      display.set(id, text);
    }
    return text;
  };
  const eos = tokenizer.eos_token_id as number | null | undefined;
  return {
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }),
    decodeTokens: (ids) => Array.from(ids, decodeOne),
    decode: (ids) =>
      tokenizer.decode(Array.from(ids), { skip_special_tokens: false, clean_up_tokenization_spaces: false }),
    eosTokenId: typeof eos === 'number' ? eos : null,
    vocabSize: vocab.size,
  };
}
