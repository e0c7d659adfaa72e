import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './files';

describe('base64 of files', () => {
  it('matches btoa on small input and round-trips', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 0x82, 0xa0]);
    expect(bytesToBase64(bytes)).toBe(btoa(String.fromCharCode(...bytes)));
    expect(Array.from(base64ToBytes(bytesToBase64(bytes)))).toEqual(Array.from(bytes));
  });

  it('handles 2 MB without overflowing the stack', () => {
    const bytes = new Uint8Array(2 * 1024 * 1024).map((_, i) => i % 256);
    const encoded = bytesToBase64(bytes);
    expect(encoded.length).toBe(Math.ceil(bytes.length / 3) * 4);
    const back = base64ToBytes(encoded);
    expect(back.length).toBe(bytes.length);
    expect(back[12345]).toBe(12345 % 256);
  });
});
