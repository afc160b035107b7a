import { badUserInput, notFound } from '../../errors.ts';

/**
 * Every argument of the contributions domain checked in one place: lengths, character sets and
 * ids, each refusal a BAD_USER_INPUT that says what is allowed. Text is stored as given
 * (trimmed): nothing is escaped or rewritten here, since the web renders it as text.
 */

export const LIMITS = {
  handle: { min: 3, max: 32 },
  password: { min: 10, max: 256 },
  displayName: { max: 64 },
  labelText: { max: 500 },
  tags: { max: 10, length: 32 },
  keyName: { max: 64 },
  note: { max: 500 },
  expiresInDays: { max: 3650 },
} as const;

const HANDLE = /^[a-z][a-z0-9_-]*$/;
const TAG = /^[a-z0-9][a-z0-9_-]*$/;
/** Control characters other than tab and newline (a NUL byte, escapes) have no place in a label or a name. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

function checkText(what: string, value: string, max: number, { min = 1, multiline = false } = {}): string {
  const text = value.trim();
  if (text.length < min) throw badUserInput(min === 1 ? `${what} is empty; write 1..${max} characters.` : `${what} is too short: at least ${min} characters.`);
  if (text.length > max) throw badUserInput(`${what} is ${text.length} characters long; the limit is ${max}.`);
  if (CONTROL.test(text) || (!multiline && /[\n\r\t]/.test(text))) {
    throw badUserInput(`${what} contains control characters${multiline ? '' : ' or line breaks'}; remove them.`);
  }
  return text;
}

/** A handle is compared in lowercase: "Alice" signs in as "alice". */
export function checkHandle(value: string): string {
  const handle = value.trim().toLowerCase();
  const { min, max } = LIMITS.handle;
  if (handle.length < min || handle.length > max || !HANDLE.test(handle)) {
    throw badUserInput(
      `handle ${JSON.stringify(value.slice(0, 40))} is not allowed: ${min}..${max} characters, lowercase letters, digits, '_' or '-', starting with a letter.`,
    );
  }
  return handle;
}

export function checkPassword(value: string): string {
  const { min, max } = LIMITS.password;
  if (value.length < min) throw badUserInput(`password is ${value.length} characters long; use at least ${min} (a few words make a good one).`);
  if (value.length > max) throw badUserInput(`password is longer than ${max} characters; use a shorter one.`);
  return value;
}

export function checkDisplayName(value: string | null | undefined, handle: string): string {
  return value == null ? handle : checkText('displayName', value, LIMITS.displayName.max);
}

export function checkLabelText(value: string): string {
  return checkText('label text', value, LIMITS.labelText.max, { multiline: true });
}

/** Tags: deduplicated, lowercase; null/undefined stays absent (a revision keeps the previous tags). */
export function checkTags(value: readonly string[] | null | undefined): string[] | undefined {
  if (value == null) return undefined;
  const { max, length } = LIMITS.tags;
  if (value.length > max) throw badUserInput(`${value.length} tags given; the limit is ${max}.`);
  const tags = [...new Set(value.map((tag) => tag.trim().toLowerCase()))];
  for (const tag of tags) {
    if (tag.length === 0 || tag.length > length || !TAG.test(tag)) {
      throw badUserInput(`tag ${JSON.stringify(tag.slice(0, 40))} is not allowed: 1..${length} lowercase letters, digits, '-' or '_'.`);
    }
  }
  return tags;
}

export function checkKeyName(value: string): string {
  return checkText('API key name', value, LIMITS.keyName.max);
}

export function checkNote(what: string, value: string | null | undefined, { required = false } = {}): string | null {
  if (value == null || (!required && value.trim() === '')) {
    if (required) throw badUserInput(`${what} is required: say why, in 1..${LIMITS.note.max} characters.`);
    return null;
  }
  return checkText(what, value, LIMITS.note.max, { multiline: true });
}

export function checkExpiresInDays(value: number | null | undefined): Date | undefined {
  if (value == null) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > LIMITS.expiresInDays.max) {
    throw badUserInput(`expiresInDays is ${value}; give a whole number of days in 1..${LIMITS.expiresInDays.max}, or leave it out for a key that does not expire.`);
  }
  return new Date(Date.now() + value * 24 * 3600 * 1000);
}

/** A numeric database id given as a GraphQL ID (labels, keys); anything else is NOT_FOUND naming it. */
export function checkNumericId(what: string, value: string): number {
  const id = /^[1-9][0-9]{0,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(id)) throw notFound(`No ${what} with id ${JSON.stringify(value.slice(0, 40))}: ${what} ids are positive integers.`);
  return id;
}
