import { crc32 as nodeCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { crc32, crc32Combine, crc32Hex, totalChecksum } from './checksum';

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
  const crcOf = (bytes: Uint8Array) => crc32Hex(bytes);

  it('of the segments of a table equals the CRC-32 of the whole table', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.array(fc.nat(512), { maxLength: 6 }), (table, cuts) => {
        const bounds = [0, ...cuts.map((cut) => cut % (table.length + 1)).sort((a, b) => a - b), table.length];
        const ranges = bounds.slice(1).map((end, i) => table.subarray(bounds[i], end));
        const total = totalChecksum(ranges.map((range) => ({ checksum: crcOf(range), bytes: range.length })));
        expect(total).toBe((nodeCrc32(table) >>> 0).toString(16).padStart(8, '0'));
      }),
    );
  });

  it('depends on the order of the segments', () => {
    const a = { checksum: crcOf(ascii('123456789')), bytes: 9 };
    const b = { checksum: crcOf(ascii('abc')), bytes: 3 };
    expect(totalChecksum([a, b])).not.toBe(totalChecksum([b, a]));
  });

  it('combines ranges of megabytes, as the segments of a large table are', () => {
    const table = new Uint8Array(9 * 1024 * 1024 + 13).map((_, i) => (i * 2654435761) >>> 24);
    const [head, tail] = [table.subarray(0, 3 * 1024 * 1024 + 7), table.subarray(3 * 1024 * 1024 + 7)];
    expect(crc32Combine(nodeCrc32(head), nodeCrc32(tail), tail.length)).toBe(nodeCrc32(table));
  });
});
