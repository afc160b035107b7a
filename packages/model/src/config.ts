import { readFileSync } from 'node:fs';
import { ModelError } from './errors.ts';

/** The sizes this package needs, read from `config.json` under GPT-2 or generic Hugging Face keys. */
export interface ModelConfig {
  /** The whole `config.json`, as parsed. */
  raw: Record<string, unknown>;
  dModel?: number;
  layerCount?: number;
  contextLength?: number;
  vocabSize?: number;
  eosTokenId?: number;
  /** Attention (query) heads, and key/value heads where grouped-query attention has fewer. */
  headCount?: number;
  kvHeadCount?: number;
}

const KEYS = {
  dModel: ['n_embd', 'hidden_size', 'd_model'],
  layerCount: ['n_layer', 'num_hidden_layers', 'n_layers'],
  contextLength: ['n_positions', 'max_position_embeddings', 'n_ctx', 'context_length'],
  vocabSize: ['vocab_size', 'd_vocab'],
  eosTokenId: ['eos_token_id'],
  headCount: ['n_head', 'num_attention_heads', 'n_heads'],
  kvHeadCount: ['num_key_value_heads', 'n_kv_heads'],
} as const;

function firstInteger(raw: Record<string, unknown>, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const value = raw[key];
    if (typeof value === 'number' && Number.isInteger(value)) return value;
  }
  return undefined;
}

export function readModelConfig(path: string): ModelConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ModelError(`Could not read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ModelError(`${path} must hold a JSON object.`);
  }
  const config = raw as Record<string, unknown>;
  return {
    raw: config,
    dModel: firstInteger(config, KEYS.dModel),
    layerCount: firstInteger(config, KEYS.layerCount),
    contextLength: firstInteger(config, KEYS.contextLength),
    vocabSize: firstInteger(config, KEYS.vocabSize),
    eosTokenId: firstInteger(config, KEYS.eosTokenId),
    headCount: firstInteger(config, KEYS.headCount),
    kvHeadCount: firstInteger(config, KEYS.kvHeadCount),
  };
}
