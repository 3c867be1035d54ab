/** A PFrame is one 32-bit entry (MPN and flags). */
export const PFRAME_ENTRY_BYTES = 4;

const CRC32_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** IEEE CRC-32 (as zlib.crc32); pass a previous result to continue over more bytes. */
export function crc32(bytes: Uint8Array, previous = 0): number {
  let crc = ~previous >>> 0;
  for (let i = 0; i < bytes.length; i++) crc = CRC32_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** Lowercase, zero-padded, 8 hex characters. */
export const toCrc32Hex = (crc: number): string => (crc >>> 0).toString(16).padStart(8, '0');

export const crc32Hex = (bytes: Uint8Array, previous = 0): string => toCrc32Hex(crc32(bytes, previous));


const CRC32_POLYNOMIAL = 0xedb88320;

function gf2Times(matrix: Uint32Array, vector: number): number {
  let sum = 0;
  for (let i = 0; vector !== 0; i++, vector >>>= 1) if (vector & 1) sum ^= matrix[i];
  return sum >>> 0;
}

function gf2Square(square: Uint32Array, matrix: Uint32Array): void {
  for (let n = 0; n < 32; n++) square[n] = gf2Times(matrix, matrix[n]);
}

/** zlib's crc32_combine: the CRC-32 of A||B from crc(A), crc(B) and B's length, so segment CRCs add up to the table's CRC. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB <= 0) return crcA >>> 0;
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  odd[0] = CRC32_POLYNOMIAL;
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row;
  gf2Square(even, odd);
  gf2Square(odd, even);
  let crc = crcA >>> 0;
  let length = lengthB;
  do {
    gf2Square(even, odd);
    if (length % 2 === 1) crc = gf2Times(even, crc);
    length = Math.floor(length / 2);
    if (length === 0) break;
    gf2Square(odd, even);
    if (length % 2 === 1) crc = gf2Times(odd, crc);
    length = Math.floor(length / 2);
  } while (length !== 0);
  return (crc ^ crcB) >>> 0;
}

export interface ChecksummedRange {
  readonly checksum: string;
  readonly bytes: number;
}

/**
 * CRC-32 of consecutive ranges combined in order: equal to the CRC-32 of the whole table when the
 * ranges cover it, so a switch-over's total can be compared with an inspection's checksum.
 */
export function totalChecksum(ranges: readonly ChecksummedRange[]): string {
  const total = ranges.reduce((crc, range) => crc32Combine(crc, parseInt(range.checksum, 16), range.bytes), 0);
  return toCrc32Hex(total);
}
