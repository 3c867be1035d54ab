import { crc32 as nodeCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { crc32, crc32Hex, totalChecksum } from './checksum';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('crc32Hex', () => {
  it.each([
    ['', '00000000'],
    ['123456789', 'cbf43926'],
    ['a', 'e8b7be43'],
    ['The quick brown fox jumps over the lazy dog', '414fa339'],
  ])('matches the known vector for %p', (text, expected) => {
    expect(crc32Hex(ascii(text))).toBe(expected);
  });

  it('pads to 8 lowercase hex characters', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => /^[0-9a-f]{8}$/.test(crc32Hex(bytes))));
  });

  it('agrees with node zlib.crc32 for the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        expect(crc32(bytes)).toBe(nodeCrc32(bytes));
      }),
    );
  });

  it('continues over chunks like zlib.crc32 does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.uint8Array({ maxLength: 256 }), (head, tail) => {
        const whole = new Uint8Array([...head, ...tail]);
        expect(crc32(tail, crc32(head))).toBe(crc32(whole));
        expect(crc32(tail, nodeCrc32(head))).toBe(nodeCrc32(tail, nodeCrc32(head)));
      }),
    );
  });
});

describe('totalChecksum', () => {
  it('is the CRC-32 of the concatenated segment checksums', () => {
    expect(totalChecksum(['cbf43926', '414fa339'])).toBe(crc32Hex(ascii('cbf43926414fa339')));
  });
  it('depends on the segment order', () => {
    expect(totalChecksum(['cbf43926', '414fa339'])).not.toBe(totalChecksum(['414fa339', 'cbf43926']));
  });
  it('is deterministic', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[0-9a-f]{8}$/)), (checksums) => {
        expect(totalChecksum(checksums)).toBe(totalChecksum([...checksums]));
        expect(totalChecksum(checksums)).toBe(nodeCrc32(checksums.join('')).toString(16).padStart(8, '0'));
      }),
    );
  });
});
