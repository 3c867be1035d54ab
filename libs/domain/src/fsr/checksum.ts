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

/** The whole table's checksum: CRC-32 over the segment checksums concatenated in segment order. */
export const totalChecksum = (segmentChecksums: readonly string[]): string =>
  crc32Hex(new TextEncoder().encode(segmentChecksums.join('')));
