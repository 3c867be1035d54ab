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

it('copies unlimited in batches of one stripe per thread while the guest writes everywhere; the target equals the source', async () => {
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

it('lets every stripe of a batch end before a failed one lets the disk go: none writes after a discard', async () => {
  const events: string[] = [];
  const copier = {
    threads: 2,
    copy: async (stripe: { offset: number; length: number }) => {
      if (stripe.offset === 0) throw new Error('EIO on the first stripe');
      await new Promise((resolve) => setTimeout(resolve, 100));
      events.push('the other stripe ended');
      return { digests: new Uint8Array((stripe.length / COPY_CHUNK_BYTES) * 32) };
    },
  };
  const job = await DiskCopyJob.open(command(null), copier);
  await expect(job.run(() => undefined)).rejects.toThrow('EIO on the first stripe');
  events.push('the copy failed');
  await job.discard('failed', () => new Set());
  expect(events).toEqual(['the other stripe ended', 'the copy failed']);
});
