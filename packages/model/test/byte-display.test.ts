import { describe, expect, it } from 'vitest';
import { byteLevelBytes, displayBytes } from '../src/byte-display.ts';

describe('byte-level token display', () => {
  it('maps GPT-2 byte stand-ins back to bytes', () => {
    expect(byteLevelBytes('Ġthe')).toEqual([0x20, 0x74, 0x68, 0x65]);
    expect(byteLevelBytes('âĢ')).toEqual([0xe2, 0x80]);
    expect(byteLevelBytes('€')).toBeNull();
  });

  it('keeps ASCII and whole characters, escapes stray bytes', () => {
    expect(displayBytes([0x20, 0x74])).toBe(' t');
    expect(displayBytes([0xe2, 0x80, 0x99])).toBe('\u2019');
    expect(displayBytes([0x20, 0xe2, 0x80])).toBe(' <0xE2><0x80>');
    expect(displayBytes([0x99])).toBe('<0x99>');
    expect(displayBytes([0xc3, 0xa9, 0x80])).toBe('é<0x80>');
  });
});
