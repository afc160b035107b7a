/**
 * Display text for byte-level BPE tokens (GPT-2 style) that are not whole UTF-8 characters.
 * Decoding such a token alone yields U+FFFD, which hides which byte it is; here each stray
 * byte is shown as `<0xE2>` while whole characters in the same token stay readable.
 */

/** GPT-2's bytes→unicode table, inverted: the printable stand-in character → the raw byte. */
const UNICODE_TO_BYTE: Map<string, number> = (() => {
  const bytes: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) bytes.push(b);
  for (let b = 0xa1; b <= 0xac; b++) bytes.push(b);
  for (let b = 0xae; b <= 0xff; b++) bytes.push(b);
  const codes = [...bytes];
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    if (!bytes.includes(b)) {
      bytes.push(b);
      codes.push(256 + extra++);
    }
  }
  return new Map(bytes.map((byte, i) => [String.fromCodePoint(codes[i]!), byte]));
})();

/** The raw bytes behind a byte-level vocabulary entry, or null if it is not one. */
export function byteLevelBytes(vocabEntry: string): number[] | null {
  const bytes: number[] = [];
  for (const char of vocabEntry) {
    const byte = UNICODE_TO_BYTE.get(char);
    if (byte === undefined) return null;
    bytes.push(byte);
  }
  return bytes;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const hex = (byte: number) => `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`;

/** Text for raw bytes: ASCII and complete UTF-8 characters as themselves, any other byte as `<0xNN>`. */
export function displayBytes(bytes: readonly number[]): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text = '';
  for (let i = 0; i < bytes.length; ) {
    const byte = bytes[i]!;
    if (byte < 0x80) {
      text += String.fromCharCode(byte);
      i += 1;
      continue;
    }
    const length = sequenceLength(byte);
    if (length > 0 && i + length <= bytes.length) {
      try {
        text += decoder.decode(Uint8Array.from(bytes.slice(i, i + length)));
        i += length;
        continue;
      } catch {
        // not a valid character: fall through to the byte escape
      }
    }
    text += hex(byte);
    i += 1;
  }
  return text;
}
