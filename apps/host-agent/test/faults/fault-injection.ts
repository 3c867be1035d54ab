import { join } from 'node:path';
import { HostAgentOptions } from '../../src/host-agent';
import { FaultInjectingSegmentCopier } from './fault-injecting-segment-copier';

/** What makes an agent a test agent: segment faults armed through Redis, copy threads that can be crashed. */
export const faultInjection: HostAgentOptions = {
  copyThreadEntry: join(__dirname, 'fault-copy-thread.js'),
  decorateSegmentCopier: (copier, { copyPool, connection, queuePrefix }) => new FaultInjectingSegmentCopier(copier, copyPool, connection, queuePrefix),
};
