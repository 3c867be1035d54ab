import { join } from 'node:path';
import { CopyPool } from './copy-pool';
import { measurePframesPerSecondPerThread } from './copy-rate';
import { CopyGate } from './copy-gate';
import { copySegment } from './segment-copy.task';

describe('CopyPool', () => {
  let pool: CopyPool;
  beforeAll(async () => {
    pool = await CopyPool.start(2);
  });
  afterAll(() => pool.close());

  it('copies a segment in a thread with the same result as in-process', async () => {
    const source = new SharedArrayBuffer(4096 * 4);
    new Uint32Array(source).forEach((_, i, a) => (a[i] = i * 7 + 1));
    const destination = new SharedArrayBuffer(4096 * 4);
    const outcome = await pool.run({ source, destination, ppnStart: 100, ppnCount: 1000 });
    expect(outcome.checksum).toBe(outcome.sourceChecksum);
    expect(new Uint32Array(destination)[100]).toBe(701);
    expect(new Uint32Array(destination)[1100]).toBe(0);
    const again = copySegment({ source, destination: new SharedArrayBuffer(4096 * 4), ppnStart: 100, ppnCount: 1000 });
    expect(again.checksum).toBe(outcome.checksum);
  });

  it('copies many segments split over the threads, one message each, every outcome that of its own segment', async () => {
    const pages = 48 * 1000;
    const source = new SharedArrayBuffer(pages * 4);
    new Uint32Array(source).forEach((_, i, a) => (a[i] = (i * 2654435761) >>> 0));
    const destination = new SharedArrayBuffer(pages * 4);
    const tasks = Array.from({ length: 48 }, (_, i) => ({ source, destination, ppnStart: i * 1000, ppnCount: 1000 }));

    const outcomes = await Promise.all(pool.runSplit(tasks));

    expect(new Uint32Array(destination)).toEqual(new Uint32Array(source));
    const alone = tasks.map((task) => copySegment({ ...task, destination: new SharedArrayBuffer(pages * 4) }));
    expect(outcomes.map((outcome) => outcome.checksum)).toEqual(alone.map((outcome) => outcome.checksum));
    expect(new Set(outcomes.map((outcome) => outcome.checksum)).size).toBe(48);
  });

  describe('segments handed over before the stun, at a gate', () => {
    const tables = () => {
      const pages = 8 * 1000;
      const source = new SharedArrayBuffer(pages * 4);
      new Uint32Array(source).forEach((_, i, a) => (a[i] = (i * 2654435761) >>> 0));
      const destination = new SharedArrayBuffer(pages * 4);
      const gate = new CopyGate(8);
      const tasks = Array.from({ length: 8 }, (_, i) => ({ source, destination, ppnStart: i * 1000, ppnCount: 1000, gateCell: gate.cellOf(i), preparedSourceChecksum: 'prepared' }));
      return { source, destination, gate, tasks };
    };

    it('copies nothing while the gate is closed; once opened, each segment as alone, the prepared CRC only where it still holds', async () => {
      const { source, destination, gate, tasks } = tables();
      const { outcomes, threads } = pool.readySplit(tasks, gate, 10_000)!;

      expect(await gate.whenWaiting(threads, 5_000)).toBe(true);
      expect(gate.threadsWaiting).toBe(2);
      expect(new Uint32Array(destination).every((entry) => entry === 0)).toBe(true);
      gate.open(tasks.map((_, i) => i % 2 === 0));
      const copied = await Promise.all(outcomes);

      expect(new Uint32Array(destination)).toEqual(new Uint32Array(source));
      const alone = tasks.map(({ gateCell: _, preparedSourceChecksum: __, ...task }) => copySegment({ ...task, destination: new SharedArrayBuffer(source.byteLength) }));
      expect(copied.map((outcome) => outcome.checksum)).toEqual(alone.map((outcome) => outcome.checksum));
      expect(copied.map((outcome) => outcome.sourceChecksum)).toEqual(alone.map((outcome, i) => (i % 2 === 0 ? 'prepared' : outcome.sourceChecksum)));
    });

    it('gives the segments up when the gate is called off or never opens, and the threads serve on', async () => {
      const calledOff = tables();
      const { outcomes } = pool.readySplit(calledOff.tasks, calledOff.gate, 10_000)!;
      await calledOff.gate.whenWaiting(2, 5_000);
      calledOff.gate.callOff();
      const givenUp = await Promise.allSettled(outcomes);
      expect(givenUp.map((outcome) => outcome.status === 'rejected' && String(outcome.reason))).toEqual(outcomes.map(() => expect.stringContaining('called off before its stun')));

      const forgotten = tables();
      const timedOut = await Promise.allSettled(pool.readySplit(forgotten.tasks, forgotten.gate, 50)!.outcomes);
      expect(timedOut.every((outcome) => outcome.status === 'rejected')).toBe(true);
      expect(timedOut.some((outcome) => outcome.status === 'rejected' && String(outcome.reason).includes('did not open the copy gate within 50 ms'))).toBe(true);
      expect(forgotten.gate.calledOff).toBe(true);
      expect(new Uint32Array(forgotten.destination).every((entry) => entry === 0)).toBe(true);
      forgotten.gate.open(forgotten.tasks.map(() => false));
      expect(new Uint32Array(forgotten.destination).every((entry) => entry === 0)).toBe(true);
      await expect(pool.run({ source: forgotten.source, destination: forgotten.destination, ppnStart: 0, ppnCount: 1000 })).resolves.toHaveProperty('checksum');
    });
    it('hands nothing to a gate while a thread is busy: a waiting thread would hold back what is queued behind it', async () => {
      const { source, gate, tasks } = tables();
      const busy = pool.run({ source, destination: new SharedArrayBuffer(source.byteLength), ppnStart: 0, ppnCount: 8000 });
      expect(pool.readySplit(tasks, gate, 10_000)).toBeNull();
      await busy;
      const readied = pool.readySplit(tasks, gate, 10_000)!;
      gate.open(tasks.map(() => false));
      await Promise.all(readied.outcomes);
    });

    it('calls a waiting gate off when other work comes, so the work never queues behind the waiting threads', async () => {
      const { source, gate, tasks } = tables();
      const readied = pool.readySplit(tasks, gate, 60_000)!;
      await gate.whenWaiting(readied.threads, 5_000);

      const other = await pool.run({ source, destination: new SharedArrayBuffer(source.byteLength), ppnStart: 0, ppnCount: 1000 });

      expect(other.checksum).toBe(other.sourceChecksum);
      expect(gate.calledOff).toBe(true);
      const givenUp = await Promise.allSettled(readied.outcomes);
      expect(givenUp.every((outcome) => outcome.status === 'rejected' && String(outcome.reason).includes('called off before its stun'))).toBe(true);
    });

    it('counts as waiting only the threads that take a share, whatever the split', async () => {
      const four = await CopyPool.start(4);
      try {
        for (const segments of [1, 3, 5, 6, 9]) {
          const { source, destination } = tables();
          const gate = new CopyGate(segments);
          const tasks = Array.from({ length: segments }, (_, i) => ({ source, destination, ppnStart: i * 800, ppnCount: 800, gateCell: gate.cellOf(i) }));
          const { outcomes, threads } = four.readySplit(tasks, gate, 10_000)!;
          expect(await gate.whenWaiting(threads, 5_000)).toBe(true);
          expect(gate.threadsWaiting).toBe(threads);
          gate.open(tasks.map(() => false));
          expect((await Promise.all(outcomes)).map((outcome) => outcome.checksum)).toEqual(tasks.map(({ gateCell: _, ...task }) => copySegment({ ...task, destination: new SharedArrayBuffer(source.byteLength) }).checksum));
        }
      } finally {
        await four.close();
      }
    });
  });

  it('writes every byte of a new table once, in slices, whatever its size', async () => {
    for (const bytes of [4096 * 3 + 8, 1 << 20, 70 * 1024 * 1024 + 12]) {
      const buffer = new SharedArrayBuffer(bytes);
      new Uint8Array(buffer).fill(7);
      await pool.touch(buffer);
      expect(new Uint8Array(buffer).every((byte) => byte === 0)).toBe(true);
    }
  });

  it('fails a task whose thread crashes and keeps serving with a new thread', async () => {
    // The test agents' thread entry, which exits on a task marked `crashThread`.
    const crashable = await CopyPool.start(1, join(__dirname, '../../test/faults/fault-copy-thread.js'));
    try {
      const source = new SharedArrayBuffer(64);
      const destination = new SharedArrayBuffer(64);
      const crashing = { source, destination, ppnStart: 0, ppnCount: 16, crashThread: true };
      await expect(crashable.run(crashing)).rejects.toThrow(/exited/);
      await expect(crashable.run({ source, destination, ppnStart: 0, ppnCount: 16 })).resolves.toHaveProperty('checksum');
    } finally {
      await crashable.close();
    }
  });

  it('measures a positive per-thread copy rate', async () => {
    expect(await measurePframesPerSecondPerThread(pool, 1 << 20)).toBeGreaterThan(0);
  });
});
