import { crc32 } from 'node:zlib';

/** Native CRC-32 (zlib) of a table range: the same value as @fsr/domain's crc32Hex, at memory speed. */
export const crc32Hex = (data: NodeJS.ArrayBufferView): string => (crc32(data) >>> 0).toString(16).padStart(8, '0');
