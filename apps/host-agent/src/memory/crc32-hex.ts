import { crc32 } from '@node-rs/crc32';

/**
 * CRC-32 (IEEE, as zlib.crc32 and @fsr/domain's crc32Hex) of a table range. SIMD (carry-less multiply):
 * about three times zlib.crc32 here, and both checksums of every segment run inside the stun.
 */
export const crc32Hex = (data: NodeJS.ArrayBufferView): string =>
  (crc32(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) >>> 0).toString(16).padStart(8, '0');
