import { blake3 } from '@napi-rs/blake-hash';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskCopyPool } from './disk-copy-pool';
import { DISK_HASH_CHUNK_BYTES } from './disk-stripe-copy';

const MIB = DISK_HASH_CHUNK_BYTES;
let dir: string;
let pool: DiskCopyPool;
beforeAll(() => {
  pool = DiskCopyPool.start(2);
});
afterAll(() => pool.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fsr-disk-pool-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const disk = async (mib: number) => {
  const bytes = Buffer.concat([...Array(mib).keys()].map((i) => Buffer.alloc(MIB, i + 1)));
  await writeFile(join(dir, 'source.vmdk'), bytes);
  await writeFile(join(dir, 'target.vmdk'), Buffer.alloc(mib * MIB));
  return { bytes, sourcePath: join(dir, 'source.vmdk'), targetPath: join(dir, 'target.vmdk') };
};

it('copies a range in stripes on every thread at once and gives back each chunk digest in disk order', async () => {
  const { bytes, sourcePath, targetPath } = await disk(24);
  const copied = await pool.copy({ sourcePath, targetPath, offset: 4 * MIB, length: 16 * MIB, stripeBytes: 2 * MIB });

  const target = await readFile(targetPath);
  expect(target.subarray(4 * MIB, 20 * MIB).equals(bytes.subarray(4 * MIB, 20 * MIB))).toBe(true);
  expect(target.subarray(0, 4 * MIB).every((byte) => byte === 0)).toBe(true);
  expect(target.subarray(20 * MIB).every((byte) => byte === 0)).toBe(true);
  const expected = Buffer.concat([...Array(16).keys()].map((i) => blake3(bytes.subarray((4 + i) * MIB, (5 + i) * MIB))));
  expect(Buffer.from(copied.digests).equals(expected)).toBe(true);
});

it('rejects with the failing stripe once every thread has stopped, and copies nothing past it', async () => {
  const { sourcePath, targetPath } = await disk(6);
  await writeFile(targetPath, Buffer.alloc(16 * MIB));
  await expect(pool.copy({ sourcePath, targetPath, offset: 0, length: 16 * MIB, stripeBytes: MIB })).rejects.toThrow(/ends at byte \d+, inside the stripe copied/);
  const target = await readFile(targetPath);
  expect(target.subarray(6 * MIB).every((byte) => byte === 0)).toBe(true);
  const again = await pool.copy({ sourcePath, targetPath, offset: 0, length: 6 * MIB, stripeBytes: MIB });
  expect(again.digests.length).toBe(6 * 32);
});
