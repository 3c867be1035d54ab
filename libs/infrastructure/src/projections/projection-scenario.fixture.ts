import { DomainEvent } from '@fsr/domain';
import * as e from './scenario-events.fixture';
import { ScenarioWriter } from './scenario-writer.fixture';

type Command = [string, DomainEvent[]][];

const vm1Before = e.hardware(2, 2048, 'ds1', 'vm1');
const vm1After = e.hardware(4, 4096, 'ds1', 'vm1');
const vm2Before = e.hardware(2, 1024, 'ds1', 'vm2');
const cause = { code: 'CHECKSUM_MISMATCH', message: 'segment 1 differs' };
const switchedOver: DomainEvent = {
  type: 'operation.switched-over',
  data: {
    operationId: 'op1',
    suspendedAt: '2026-01-01T00:00:00.000Z',
    resumedAt: '2026-01-01T00:00:00.004Z',
    stunMs: 4.2,
    transferMs: 3.1,
    checksum: 'abc',
    slaBreached: false,
  },
};

/** Two hosts, two datastores, three VMs; a hot-add that succeeds, one rolled back, a relocation cancelled. */
const commands: Command[] = [
  [['host-h1', [{ type: 'host.registered', data: { hostId: 'h1', name: 'esx-01' } }, e.hostConnected('h1', 'a1')]]],
  [['host-h2', [{ type: 'host.registered', data: { hostId: 'h2', name: 'esx-02' } }, e.hostConnected('h2', 'a2')]]],
  [['datastore-ds1', [e.datastoreCreated('ds1', 'fast', 100)]]],
  [['datastore-ds2', [e.datastoreCreated('ds2', 'slow', 500)]]],
  [
    ['vm-vm1', [e.vmCreated('vm1', 'web', vm1Before)]],
    ['datastore-ds1', [e.diskSpace('allocated', 'ds1', 'vm1')]],
    ['vmname-web', [e.vmName('reserved', 'web', 'vm1')]],
  ],
  [
    ['host-h1', [e.memoryCommitted('h1', 'vm1', 2048)]],
    ['vm-vm1', [e.vmPoweredOn('vm1', 2048)]],
  ],
  [
    ['vm-vm2', [e.vmCreated('vm2', 'db', vm2Before)]],
    ['datastore-ds1', [e.diskSpace('allocated', 'ds1', 'vm2')]],
    ['vmname-db', [e.vmName('reserved', 'db', 'vm2')]],
  ],
  [
    ['host-h1', [e.memoryCommitted('h1', 'vm2', 1024)]],
    ['vm-vm2', [e.vmPoweredOn('vm2', 1024)]],
  ],
  [['vm-vm2', [{ type: 'vm.workload-set', data: { vmId: 'vm2', workload: { diskWriteMiBps: 5, pageRemapsPerSec: 100 } } }]]],
  [
    ['operation-op1', [e.operationRequested('op1', 'vm1', 'hot-add', vm1Before, vm1After)]],
    ['vm-vm1', [e.vmOperationStarted('vm1', 'op1', 'hot-add')]],
  ],
  [['operation-op1', [e.phaseStarted('op1', 'prepare'), e.phaseCompleted('op1', 'prepare')]]],
  [['operation-op1', [e.switchoverStarted('op1'), e.phaseStarted('op1', 'pframe-transfer')]]],
  [['operation-op1', [e.segmentCompleted('op1', 1), e.segmentCompleted('op1', 0)]]],
  [['operation-op1', [e.segmentCompleted('op1', 3), e.segmentCompleted('op1', 2), e.phaseCompleted('op1', 'pframe-transfer')]]],
  [['operation-op1', [switchedOver]]],
  [
    ['vm-vm1', [{ type: 'vm.reconfigured', data: { vmId: 'vm1', hardware: vm1After, operationId: 'op1' } }]],
    ['vm-vm1', [e.vmOperationEnded('vm1', 'op1', 'succeeded')]],
    ['host-h1', [e.memoryCommitted('h1', 'vm1', 4096, 'op1')]],
    ['operation-op1', [{ type: 'operation.succeeded', data: { operationId: 'op1' } }]],
  ],
  [
    ['operation-op2', [e.operationRequested('op2', 'vm2', 'hot-add', vm2Before, e.hardware(4, 1024, 'ds1', 'vm2'))]],
    ['vm-vm2', [e.vmOperationStarted('vm2', 'op2', 'hot-add')]],
  ],
  [['operation-op2', [e.switchoverStarted('op2'), e.segmentCompleted('op2', 0)]]],
  [
    ['operation-op2', [{ type: 'operation.rolled-back', data: { operationId: 'op2', cause, stunMs: 12 } }]],
    ['vm-vm2', [e.vmOperationEnded('vm2', 'op2', 'rolled-back')]],
  ],
  [
    ['operation-op3', [e.operationRequested('op3', 'vm1', 'relocate', vm1After, e.hardware(4, 4096, 'ds2', 'vm1'))]],
    ['vm-vm1', [e.vmOperationStarted('vm1', 'op3', 'relocate')]],
  ],
  [
    ['operation-op3', [{ type: 'operation.cancelled', data: { operationId: 'op3', by: 'admin:test' } }]],
    ['vm-vm1', [e.vmOperationEnded('vm1', 'op3', 'cancelled')]],
  ],
  [
    ['host-h2', [{ type: 'host.disconnected', data: { hostId: 'h2', agentInstanceId: 'a2', reason: 'heartbeat-missed', lossTracked: true } }]],
    ['host-h2', [{ type: 'host.maintenance-changed', data: { hostId: 'h2', enabled: true } }]],
  ],
  [
    ['host-h1', [e.memoryCommitted('h1', 'vm2', 0)]],
    ['vm-vm2', [{ type: 'vm.powered-off', data: { vmId: 'vm2', hostId: 'h1', reason: 'user' } }]],
  ],
  [
    ['vm-vm2', [{ type: 'vm.deleted', data: { vmId: 'vm2' } }]],
    ['datastore-ds1', [e.diskSpace('freed', 'ds1', 'vm2')]],
    ['vmname-db', [e.vmName('released', 'db', 'vm2')]],
  ],
  [['host-h2', [e.hostConnected('h2', 'a3', 2)]]],
];

/** Records the scenario command by command; `afterEach` runs after every command (e.g. a projector catch-up). */
export async function playScenario(writer: ScenarioWriter, afterEach: () => Promise<void>): Promise<void> {
  for (const command of commands) {
    await writer.record(...command);
    await afterEach();
  }
}
