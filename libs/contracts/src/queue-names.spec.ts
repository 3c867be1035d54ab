import { CONTROL_PLANE_REPORTS_QUEUE, hostCommandsQueue, pframePartitionQueue, queueKeyPrefix } from './queue-names';

describe('queue key prefixes', () => {
  it('gives every queue of a host the host\'s hash tag, and the reports queue one of its own', () => {
    expect(queueKeyPrefix('fsr', hostCommandsQueue('host-7'))).toBe('fsr:{host-7}');
    expect(queueKeyPrefix('fsr', pframePartitionQueue('host-7', 47))).toBe('fsr:{host-7}');
    expect(queueKeyPrefix('fsr', pframePartitionQueue('host-70', 0))).toBe('fsr:{host-70}');
    expect(queueKeyPrefix('t', CONTROL_PLANE_REPORTS_QUEUE)).toBe(`t:{${CONTROL_PLANE_REPORTS_QUEUE}}`);
  });
});
