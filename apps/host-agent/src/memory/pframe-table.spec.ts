import { copySegment } from '../copy/segment-copy.task';
import { crc32Hex, totalChecksum } from './checksum';
import { MpnPool } from './mpn-pool';
import { PFRAME_DIRTY, PFRAME_PRESENT, PFrameTable } from './pframe-table';

describe('PFrameTable', () => {
  it('maps pages onto the pool MPNs, marks them present and releases them back', () => {
    const pool = new MpnPool(1024);
    const table = PFrameTable.allocate(pool, 512);
    expect(pool.freeCount).toBe(512);
    expect(table.isPresent(511)).toBe(true);
    expect(table.entries[7]).toBe((7 | PFRAME_PRESENT) >>> 0);
    table.releaseTo(pool);
    expect(pool.freeCount).toBe(1024);
    expect(table.isPresent(0)).toBe(false);
  });

  it('remaps a page to another MPN, marks it dirty and returns the old MPN', () => {
    const pool = new MpnPool(16);
    const table = PFrameTable.allocate(pool, 8);
    expect(table.remap(3, 12)).toBe(3);
    expect(table.mpnAt(3)).toBe(12);
    expect(table.entries[3] & PFRAME_DIRTY).toBe(PFRAME_DIRTY);
  });

  it('copies a segment range with equal source and destination CRCs, leaving the rest untouched', () => {
    const pool = new MpnPool(4096);
    const source = PFrameTable.allocate(pool, 4096);
    const destination = new PFrameTable(4096).touch();
    const outcome = copySegment({ source: source.buffer, destination: destination.buffer, ppnStart: 1024, ppnCount: 2048 });
    expect(outcome.checksum).toBe(outcome.sourceChecksum);
    expect(outcome.checksum).toBe(source.checksum(1024, 3072));
    expect(destination.checksum(1024, 3072)).toBe(outcome.checksum);
    expect(destination.isPresent(1023)).toBe(false);
    expect(outcome.endedAt).toBeGreaterThanOrEqual(outcome.startedAt);
  });

  it('combines segment checksums into the CRC-32 of the whole table', () => {
    const pool = new MpnPool(10_000);
    const table = PFrameTable.allocate(pool, 10_000);
    const cuts = [0, 1, 3333, 6000, 10_000];
    const ranges = cuts.slice(1).map((end, i) => ({ checksum: table.checksum(cuts[i], end), bytes: (end - cuts[i]) * 4 }));
    expect(totalChecksum(ranges)).toBe(table.checksum());
    expect(crc32Hex(new Uint8Array(0))).toBe('00000000');
    expect(crc32Hex(Buffer.from('123456789'))).toBe('cbf43926');
  });
});

describe('PFrameTable write tracking', () => {
  const CHUNK = 1 << 18;

  it('reports a range unwritten only after tracking starts and until a write lands in one of its chunks', () => {
    const pool = new MpnPool(4 * CHUNK);
    const table = PFrameTable.allocate(pool, 3 * CHUNK);
    expect(table.unwrittenSinceTracked(0, 3 * CHUNK)).toBe(false);
    table.trackWrites(0, 3 * CHUNK);
    expect(table.unwrittenSinceTracked(0, 3 * CHUNK)).toBe(true);

    pool.freeMpn(table.remap(CHUNK + 5, pool.allocate(1)[0].start));
    expect(table.unwrittenSinceTracked(0, CHUNK)).toBe(true);
    expect(table.unwrittenSinceTracked(CHUNK - 1, CHUNK + 1)).toBe(false);
    expect(table.unwrittenSinceTracked(2 * CHUNK, 3 * CHUNK)).toBe(true);

    table.releaseTo(pool, 2 * CHUNK + 1, 2 * CHUNK + 2);
    expect(table.unwrittenSinceTracked(2 * CHUNK, 3 * CHUNK)).toBe(false);
    table.touch();
    expect(table.unwrittenSinceTracked(0, 1)).toBe(false);
  });
});
