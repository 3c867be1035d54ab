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
const X_TO_THE_0 = 0x80000000;

/** a(x) * b(x) modulo the CRC-32 polynomial (reflected bit order, as zlib's multmodp). */
function multiplyModP(a: number, b: number): number {
  let product = 0;
  for (let bit = X_TO_THE_0; bit !== 0; bit >>>= 1) {
    if (a & bit) {
      product ^= b;
      if ((a & (bit - 1)) === 0) break;
    }
    b = b & 1 ? (b >>> 1) ^ CRC32_POLYNOMIAL : b >>> 1;
  }
  return product >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0..31 (zlib's x2n_table). */
const X_TO_THE_2_TO_THE = (() => {
  const table = new Uint32Array(32);
  let power = X_TO_THE_0 >>> 1; // x^1
  for (let k = 0; k < 32; k++, power = multiplyModP(power, power)) table[k] = power;
  return table;
})();

/** Segments of one plan share one or two lengths: their shifts are kept. */
const recentShifts = new Map<number, number>();
const RECENT_SHIFTS = 16;

/** x^(8 * bytes) modulo the polynomial: the shift a CRC undergoes over `bytes` more bytes. */
function shiftForBytes(bytes: number): number {
  let power = recentShifts.get(bytes);
  if (power !== undefined) return power;
  power = computeShift(bytes);
  if (recentShifts.size >= RECENT_SHIFTS) recentShifts.delete(recentShifts.keys().next().value!);
  recentShifts.set(bytes, power);
  return power;
}

function computeShift(bytes: number): number {
  let power = X_TO_THE_0;
  for (let k = 3, n = bytes; n > 0; n = Math.floor(n / 2), k++) {
    if (n % 2 === 1) power = multiplyModP(X_TO_THE_2_TO_THE[k % 32], power);
  }
  return power;
}

/**
 * zlib's crc32_combine: the CRC-32 of A||B from crc(A), crc(B) and B's length, so segment CRCs add up to
 * the table's CRC. O(log length) polynomial products (the combine runs inside the stun, once per segment).
 */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB <= 0) return crcA >>> 0;
  return (multiplyModP(shiftForBytes(lengthB), crcA >>> 0) ^ crcB) >>> 0;
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
