export { ChecksummedRange, crc32Combine, totalChecksum } from '@fsr/domain';
export { crc32Hex } from './crc32-hex';
