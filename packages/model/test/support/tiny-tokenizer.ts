/**
 * A tiny GPT-2-style byte-level BPE tokenizer (`tokenizer.json` + `tokenizer_config.json`):
 * the 256 byte symbols, a handful of merges, and `<|endoftext|>` as the last id.
 */

/** GPT-2's byte → printable character table (bytes_to_unicode). */
export function bytesToUnicode(): string[] {
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  const table: string[] = [];
  let next = 0;
  for (let b = 0; b < 256; b++) table.push(String.fromCharCode(printable(b) ? b : 256 + next++));
  return table;
}

/** Merges in priority order; `Ġ` is the byte-level symbol for a space. */
export const TINY_MERGES = ['Ġ t', 'h e', 'Ġt he', 'Ġ c', 'a t', 'Ġc at', 'Ġ s', 'a n', 'Ġs at'] as const;
export const EOS_TOKEN = '<|endoftext|>';

export interface TinyTokenizerFiles {
  tokenizer: object;
  tokenizerConfig: object;
  vocabSize: number;
  eosTokenId: number;
}

export function tinyTokenizerFiles(contextLength: number): TinyTokenizerFiles {
  const vocab: Record<string, number> = {};
  bytesToUnicode().forEach((symbol, id) => (vocab[symbol] = id));
  for (const merge of TINY_MERGES) vocab[merge.replace(' ', '')] = Object.keys(vocab).length;
  const eosTokenId = Object.keys(vocab).length;
  const byteLevel = { add_prefix_space: false, trim_offsets: true, use_regex: true };
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [
      { id: eosTokenId, content: EOS_TOKEN, single_word: false, lstrip: false, rstrip: false, normalized: true, special: true },
    ],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', ...byteLevel },
    post_processor: { type: 'ByteLevel', ...byteLevel, trim_offsets: false },
    decoder: { type: 'ByteLevel', ...byteLevel },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges: [...TINY_MERGES],
    },
  };
  const tokenizerConfig = {
    tokenizer_class: 'GPT2Tokenizer',
    model_max_length: contextLength,
    bos_token: EOS_TOKEN,
    eos_token: EOS_TOKEN,
    unk_token: EOS_TOKEN,
    add_prefix_space: false,
    add_bos_token: false,
    clean_up_tokenization_spaces: false,
  };
  return { tokenizer, tokenizerConfig, vocabSize: eosTokenId + 1, eosTokenId };
}
