// Measures the stun of a 64 GiB / 8 vCPU VM's switch-over in both transfer modes, through the real
// gateway and agent (in-process). Prints medians; asserts nothing. Run after `node scripts/build.js`:
//   node dist/apps/host-agent/bench/stun.bench.js [memoryMiB=65536] [vcpus=8] [rounds=5]
import { randomUUID } from 'node:crypto';
import { SwitchoverResult } from '@fsr/contracts';
import { pagesForMiB, TransferMode } from '@fsr/domain';
import { BullMqHostAgentGateway } from '@fsr/infrastructure';
import { Redis } from 'ioredis';
import { loadHostAgentConfig } from '../src/config';
import { startHostAgent } from '../src/host-agent';

const [memoryMiB, vcpus, rounds] = [65536, 8, 5].map((fallback, i) => Number(process.argv[2 + i] ?? fallback));
const prefix = `bench-${randomUUID()}`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const phaseMs = (result: SwitchoverResult, phase: string) => {
  const timing = result.phases.find((p) => p.phase === phase);
  return timing ? timing.endedAt - timing.startedAt : NaN;
};

async function main(): Promise<void> {
  const config = loadHostAgentConfig({ ...process.env, QUEUE_PREFIX: prefix, HOST_NAME: 'bench-host', HOST_MEMORY_MIB: String(memoryMiB * 2) });
  const agent = await startHostAgent(config);
  const gateway = new BullMqHostAgentGateway({ connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null }, prefix, timeoutMs: 120_000 });
  const pages = pagesForMiB(memoryMiB);
  console.log(`host: ${config.workerThreads} copy threads, ${String(agent.capacity.pframesPerSecondPerThread?.toLocaleString())} PFrames/s per thread`);
  console.log(`VM: ${memoryMiB} MiB (${pages.toLocaleString()} PFrames), ${vcpus} vCPUs, ${rounds} rounds per mode`);
  try {
    for (const mode of ['legacy', 'distributed'] as TransferMode[]) {
      const vmId = `vm-${mode}`;
      await gateway.powerOn(agent.hostId, { vmId, vcpus, memoryMiB, disks: [] });
      const results: SwitchoverResult[] = [];
      for (let epoch = 1; epoch <= rounds; epoch++) {
        const count = mode === 'legacy' ? 1 : vcpus;
        const base = Math.floor(pages / count);
        const segments = Array.from({ length: count }, (_, index) => ({
          index,
          partition: index,
          ppnStart: index * base,
          ppnCount: index === count - 1 ? pages - index * base : base,
        }));
        const operationId = randomUUID();
        await gateway.prepareSwitchover(agent.hostId, { operationId, epoch, vmId, mode, targetVcpus: vcpus, targetMemoryMiB: memoryMiB, segments });
        results.push(await gateway.executeSwitchover(agent.hostId, operationId, epoch));
      }
      const stun = results.map((r) => r.resumedAt! - r.suspendedAt!);
      const transfer = results.map((r) => phaseMs(r, 'pframe-transfer'));
      const copies = results.map((r) => Math.max(...r.segments.map((s) => s.endedAt)) - Math.min(...r.segments.map((s) => s.startedAt)));
      const outcomes = new Set(results.map((r) => r.outcome));
      console.log(
        `${mode.padEnd(11)} stun ${median(stun).toFixed(2)} ms (min ${Math.min(...stun).toFixed(2)}, max ${Math.max(...stun).toFixed(2)})` +
          ` | pframe-transfer ${median(transfer).toFixed(2)} ms | copy threads busy ${median(copies).toFixed(2)} ms` +
          ` | suspend ${median(results.map((r) => phaseMs(r, 'suspend'))).toFixed(3)} ms` +
          ` | device-state ${median(results.map((r) => phaseMs(r, 'device-state-transfer'))).toFixed(3)} ms` +
          ` | resume ${median(results.map((r) => phaseMs(r, 'resume'))).toFixed(3)} ms` +
          ` | ${((pages / median(stun)) * 1000 / 1e6).toFixed(0)} M PFrames/s | outcomes ${[...outcomes].join(',')}`,
      );
      await gateway.powerOff(agent.hostId, vmId);
    }
  } finally {
    await gateway.close();
    await agent.stop();
    const redis = new Redis({ host: '127.0.0.1', port: 6379 });
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
