import { blake3 } from '@napi-rs/blake-hash';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskCopyAbortedError, DiskCopyJob } from './disk-copy-job';
import { COPY_CHUNK_BYTES } from './disk-mirror';
import { DiskCopyPool } from './disk-copy-pool';

const MIB = 1024 * 1024;
const chunkOf = (value: number) => Buffer.alloc(COPY_CHUNK_BYTES, value);
const contentHash = (bytes: Buffer) => {
  const digests: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += COPY_CHUNK_BYTES) digests.push(blake3(bytes.subarray(at, at + COPY_CHUNK_BYTES)));
  return blake3(Buffer.concat(digests)).toString('hex');
};

let dir: string;
let threads: DiskCopyPool;
beforeAll(() => {
  threads = DiskCopyPool.start(2);
});
afterAll(() => threads.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fsr-disk-copy-'));
  await writeFile(join(dir, 'source.vmdk'), Buffer.concat([...Array(8).keys()].map((i) => chunkOf(i + 1))));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const command = (maxCopyMiBps: number | null = null, sizeMiB = 8) => ({
  operationId: 'op-1',
  vmId: 'vm-1',
  maxCopyMiBps,
  disks: [{ diskId: 'd-1', sizeMiB, sourcePath: join(dir, 'source.vmdk'), targetPath: join(dir, 'target', 'd-1.vmdk') }],
});

it('copies while writes land before and after the cursor; both copies end equal, and the hash says so', async () => {
  const job = await DiskCopyJob.open(command(16), threads);
  const mirror = job.mirrorOf(join(dir, 'source.vmdk'))!;
  const copying = job.run(() => undefined);
  const writes: Promise<void>[] = [];
  for (let i = 0; i < 8; i++) {
    await new Promise((resolve) => setTimeout(resolve, 40));
    writes.push(mirror.write(chunkOf(100 + i), (i % 8) * COPY_CHUNK_BYTES));
  }
  await Promise.all(writes);
  const result = await copying;
  await mirror.write(chunkOf(200), 0);
  await job.close();

  const [source, target] = await Promise.all([readFile(join(dir, 'source.vmdk')), readFile(join(dir, 'target', 'd-1.vmdk'))]);
  expect(target.equals(source)).toBe(true);
  expect(result.bytes).toBe(8 * MIB);
  expect(result.mirroredWrites).toBeGreaterThan(0);
  expect(mirror.contentHash()).toEqual({ diskId: 'd-1', blake3: contentHash(target) });
});

it('stops at the next chunk when aborted, and discarding removes the target', async () => {
  const job = await DiskCopyJob.open(command(4), threads);
  const copying = job.run(() => undefined);
  job.abort('cancelled by a test');
  await expect(copying).rejects.toBeInstanceOf(DiskCopyAbortedError);
  expect(job.copiedBytes).toBeLessThan(8 * MIB);
  await job.discard('cancelled by a test', () => new Set());
  expect(existsSync(join(dir, 'target', 'd-1.vmdk'))).toBe(false);
});

it('copies unlimited, every thread taking stripes of the batch, while the guest writes everywhere; the target equals the source', async () => {
  const sizeMiB = 48;
  await writeFile(join(dir, 'source.vmdk'), Buffer.concat([...Array(sizeMiB).keys()].map((i) => chunkOf(i + 1))));
  const job = await DiskCopyJob.open(command(null, sizeMiB), threads);
  const mirror = job.mirrorOf(join(dir, 'source.vmdk'))!;
  const copying = job.run(() => undefined);
  const writes: Promise<void>[] = [];
  // Half a chunk at a time, spread over the whole disk, so writes straddle stripes and batches.
  for (let i = 0; i < 64; i++) writes.push(mirror.write(Buffer.alloc(COPY_CHUNK_BYTES / 2, 150 + (i % 50)), ((i * 7919) % (2 * sizeMiB - 1)) * (COPY_CHUNK_BYTES / 2)));
  await Promise.all(writes);
  const result = await copying;
  await job.close();

  const [source, target] = await Promise.all([readFile(join(dir, 'source.vmdk')), readFile(join(dir, 'target', 'd-1.vmdk'))]);
  expect(target.equals(source)).toBe(true);
  expect(result.bytes).toBe(sizeMiB * MIB);
  expect(result.disks).toEqual([{ diskId: 'd-1', blake3: contentHash(target) }]);
});

it('a discard while a range is in flight waits for it to settle before it removes the target: nothing writes after', async () => {
  const events: string[] = [];
  let rangeTaken = () => {};
  const taken = new Promise<void>((resolve) => (rangeTaken = resolve));
  const copier = {
    threads: 2,
    copy: async (range: { length: number }) => {
      rangeTaken();
      await new Promise((resolve) => setTimeout(resolve, 100));
      events.push('the range settled');
      return { digests: new Uint8Array((range.length / COPY_CHUNK_BYTES) * 32) };
    },
  };
  const job = await DiskCopyJob.open(command(null), copier);
  const ended = job.run(() => undefined).catch((error: unknown) => error);
  await taken;
  await job.discard('cancelled while copying', () => new Set());
  events.push('discarded');
  expect(await ended).toBeInstanceOf(DiskCopyAbortedError);
  expect(events).toEqual(['the range settled', 'discarded']);
  expect(existsSync(join(dir, 'target', 'd-1.vmdk'))).toBe(false);
});

it('holds only the guest writes into the range in flight: one above it lands at once, one inside once the range is copied, on both sides', async () => {
  const sizeMiB = 128;
  await writeFile(join(dir, 'source.vmdk'), Buffer.concat([...Array(sizeMiB).keys()].map((i) => chunkOf(i + 1))));
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let rangeTaken = () => {};
  const taken = new Promise<void>((resolve) => (rangeTaken = resolve));
  const ranges: number[] = [];
  // The real threads, holding the first range until the test lets it go; one thread counted, so a range is 64 MiB.
  const copier = {
    threads: 1,
    copy: async (range: Parameters<DiskCopyPool['copy']>[0]) => {
      ranges.push(range.offset);
      rangeTaken();
      await held;
      return threads.copy(range);
    },
  };
  const job = await DiskCopyJob.open(command(null, sizeMiB), copier);
  const mirror = job.mirrorOf(join(dir, 'source.vmdk'))!;
  const copying = job.run(() => undefined);
  await taken;
  const landed: string[] = [];
  await mirror.write(chunkOf(9), 100 * COPY_CHUNK_BYTES).then(() => landed.push('above'));
  const inside = mirror.write(chunkOf(7), 2 * COPY_CHUNK_BYTES).then(() => landed.push('inside'));
  const behind = mirror.write(chunkOf(5), 90 * COPY_CHUNK_BYTES).then(() => landed.push('behind it'));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(landed).toEqual(['above']);
  release();
  await Promise.all([inside, behind]);
  const result = await copying;
  await job.close();

  expect(landed).toEqual(['above', 'inside', 'behind it']);
  expect(ranges).toEqual([0, 64 * MIB]);
  const [source, target] = await Promise.all([readFile(join(dir, 'source.vmdk')), readFile(join(dir, 'target', 'd-1.vmdk'))]);
  expect(target.equals(source)).toBe(true);
  expect(target.subarray(2 * COPY_CHUNK_BYTES, 3 * COPY_CHUNK_BYTES).equals(chunkOf(7))).toBe(true);
  expect(result.mirroredWrites).toBe(1);
  expect(result.disks).toEqual([{ diskId: 'd-1', blake3: contentHash(target) }]);
});
