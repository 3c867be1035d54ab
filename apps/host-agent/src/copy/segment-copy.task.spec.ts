import { crc32 } from 'node:zlib';
import { copySegment } from './segment-copy.task';

const hex = (crc: number) => (crc >>> 0).toString(16).padStart(8, '0');

describe('copySegment', () => {
  it('copies a range of several chunks and reports the CRC-32 of the range on both sides', () => {
    const pages = 700_000; // 2.8 MB: three chunks, the last one partial
    const source = new SharedArrayBuffer(pages * 4);
    new Uint32Array(source).forEach((_, i, entries) => (entries[i] = (i * 2654435761) >>> 0));
    const destination = new SharedArrayBuffer(pages * 4);
    const [ppnStart, ppnCount] = [12_345, 600_001];

    const outcome = copySegment({ source, destination, ppnStart, ppnCount });

    const range = new Uint32Array(source, ppnStart * 4, ppnCount);
    expect(outcome.sourceChecksum).toBe(hex(crc32(range)));
    expect(outcome.checksum).toBe(outcome.sourceChecksum);
    expect(new Uint32Array(destination, ppnStart * 4, ppnCount)).toEqual(range);
    expect(new Uint32Array(destination)[ppnStart - 1]).toBe(0);
    expect(new Uint32Array(destination)[ppnStart + ppnCount]).toBe(0);
  });

  it('gives an empty range the CRC of no bytes and copies nothing', () => {
    const source = new SharedArrayBuffer(4096);
    new Uint32Array(source).fill(7);
    const destination = new SharedArrayBuffer(4096);
    const outcome = copySegment({ source, destination, ppnStart: 3, ppnCount: 0 });
    expect(outcome).toMatchObject({ sourceChecksum: '00000000', checksum: '00000000' });
    expect(new Uint32Array(destination).every((entry) => entry === 0)).toBe(true);
  });
});
