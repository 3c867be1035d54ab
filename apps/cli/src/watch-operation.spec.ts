import { endingLine, OperationView, progressLine } from './watch-operation';

const relocation = (done: number): OperationView => ({
  id: 'op-1',
  kind: 'relocate',
  vmId: 'vm-1',
  state: 'running',
  phase: 'disk-copy',
  mode: 'distributed',
  progress: { done, total: 256 * 2 ** 20, unit: 'bytes' },
  predictedStunMs: 3.1,
  stunMs: null,
  slaMs: 1000,
  relocation: { bytesPerSecond: 32 * 2 ** 20, mirroredWrites: 12, cold: false },
});

describe('fsrctl progress', () => {
  it('draws a relocation\'s copy as a bar with bytes, rate and phase', () => {
    expect(progressLine(relocation(64 * 2 ** 20))).toBe(`[${'#'.repeat(8)}${'-'.repeat(22)}]  25%  64.0/256.0 MiB  32.0 MiB/s  disk-copy`);
  });

  it('ends with the state, the stun against its prediction and the SLA, the mirrored writes or the cause', () => {
    const done = { ...relocation(256 * 2 ** 20), state: 'succeeded', phase: null, stunMs: 3.456 };
    expect(endingLine(done)).toBe('relocate op-1 succeeded, distributed mode, stun 3.46 ms (predicted 3.10 ms, SLA 1000 ms), 12 guest writes mirrored');
    const failed = { ...done, state: 'failed', stunMs: null, error: { code: 'HOST_DISCONNECTED', message: 'host host-1 was lost' } };
    expect(endingLine(failed)).toBe('relocate op-1 failed, distributed mode, no stun, 12 guest writes mirrored: HOST_DISCONNECTED host host-1 was lost');
  });
});
