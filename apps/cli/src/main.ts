#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { predictionGrounds, PredictionGrounds } from './prediction-basis';
import { Api } from './api';
import { CliError, resolveConnection } from './connection';
import { mib, Output, table, Warning, warningLines } from './output';
import { endingLine, OperationView, watchOperation } from './watch-operation';

/** An operation that ended otherwise than succeeded: its line was printed, the exit status says so. */
const OPERATION_FAILED = 2;

interface Vm {
  id: string;
  name: string;
  hostId: string;
  datastoreId: string;
  powerState: string;
  vcpus: number;
  memoryMiB: number;
  activeOperationId: string | null;
}

const positive = (value: string): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('a whole number above 0');
  return number;
};

const program = new Command('fsrctl')
  .description('Command-line client of the FSR control plane: inventory, power, hot add and Storage vMotion with live progress.')
  .option('--url <url>', 'the control plane (FSR_API_URL; default http://127.0.0.1:$PORT)')
  .option('--key <key>', 'an API key (FSR_API_KEY; default DATA_DIR/admin-api-key)')
  .option('--json', 'print JSON for scripts instead of tables and progress')
  .showHelpAfterError();

let globals: { url?: string; key?: string; json?: boolean } = {};
// --url, --key and --json are taken before or after the command (`fsrctl --json vms`, `fsrctl vms --json`).
program.hook('preAction', (_program, action) => {
  globals = action.optsWithGlobals();
});

const context = () => ({ api: new Api(resolveConnection(globals)), output: new Output(globals.json === true) });

/** A VM named by its id or its name. */
async function findVm(api: Api, ref: string): Promise<Vm> {
  const vms = await api.all<Vm>('/vms');
  const found = vms.find((vm) => vm.id === ref) ?? vms.filter((vm) => vm.name === ref);
  if (!Array.isArray(found)) return found;
  if (found.length === 1) return found[0];
  throw new CliError(found.length === 0 ? `no VM ${ref}` : `${found.length} VMs are named ${ref}: give its id`);
}

/** Prints an operation's ending; one that did not succeed sets the exit status. */
function finish(output: Output, op: OperationView): void {
  output.result(op, () => endingLine(op));
  if (op.state !== 'succeeded') process.exitCode = OPERATION_FAILED;
}

async function startAndFollow(answer: { operationId?: string }, output: Output, api: Api, wait: boolean, fallback: unknown): Promise<void> {
  const { operationId } = answer;
  if (!operationId) {
    output.result(fallback, () => 'done: a configuration change, no switch-over');
    return;
  }
  if (!wait) {
    output.result(answer, () => `operation ${operationId} started (fsrctl ops watch ${operationId})`);
    return;
  }
  finish(output, await watchOperation(api, output, operationId));
}

program
  .command('hosts')
  .description('list the hosts: connection, memory, cores and VMs')
  .action(async () => {
    const { api, output } = context();
    const hosts = await api.all<{ id: string; connectionState: string; maintenance: boolean; capacity: { cpuCores: number; memoryMiB: number }; used: { memoryMiB: number; vms: number } }>('/hosts');
    output.result(hosts, () =>
      table(['HOST', 'STATE', 'MEMORY', 'CORES', 'VMS'], hosts.map((h) => [h.id, h.connectionState + (h.maintenance ? ' (maintenance)' : ''), `${mib(h.used.memoryMiB)} / ${mib(h.capacity.memoryMiB)}`, String(h.capacity.cpuCores), String(h.used.vms)])),
    );
  });

program
  .command('datastores')
  .description('list the datastores and their space')
  .action(async () => {
    const { api, output } = context();
    const datastores = await api.all<{ id: string; name: string; capacityMiB: number; freeMiB: number }>('/datastores');
    output.result(datastores, () => table(['DATASTORE', 'NAME', 'FREE', 'CAPACITY'], datastores.map((d) => [d.id, d.name, mib(d.freeMiB), mib(d.capacityMiB)])));
  });

program
  .command('vms')
  .description('list the VMs')
  .action(async () => {
    const { api, output } = context();
    const vms = await api.all<Vm>('/vms');
    output.result(vms, () =>
      table(['NAME', 'ID', 'POWER', 'VCPUS', 'MEMORY', 'HOST', 'DATASTORE', 'BUSY'], vms.map((vm) => [vm.name, vm.id, vm.powerState, String(vm.vcpus), mib(vm.memoryMiB), vm.hostId, vm.datastoreId, vm.activeOperationId ?? ''])),
    );
  });

const vm = program.command('vm').description('one VM, by name or id');

vm.command('info <vm>')
  .description('show a VM')
  .action(async (ref: string) => {
    const { api, output } = context();
    const found = await findVm(api, ref);
    output.result(found, () => table(['FIELD', 'VALUE'], Object.entries(found).map(([field, value]) => [field, typeof value === 'object' ? JSON.stringify(value) : String(value)])));
  });

vm.command('create <name>')
  .description('create a VM, powered off')
  .requiredOption('--host <host>', 'host id')
  .requiredOption('--datastore <datastore>', 'datastore id')
  .option('--vcpus <n>', 'vCPUs', positive, 2)
  .option('--memory <MiB>', 'memory in MiB', positive, 1024)
  .option('--disk <MiB>', 'size of its one disk in MiB', positive, 16)
  .option('--cpu-hot-add', 'allow CPU hot add')
  .option('--memory-hot-add', 'allow memory hot add')
  .action(async (name: string, flags: { host: string; datastore: string; vcpus: number; memory: number; disk: number; cpuHotAdd?: boolean; memoryHotAdd?: boolean }) => {
    const { api, output } = context();
    const created = await api.post<Vm & { warnings: Warning[] }>('/vms', {
      name,
      hostId: flags.host,
      datastoreId: flags.datastore,
      vcpus: flags.vcpus,
      memoryMiB: flags.memory,
      cpuHotAddEnabled: flags.cpuHotAdd === true,
      memoryHotAddEnabled: flags.memoryHotAdd === true,
      disks: [{ sizeMiB: flags.disk }],
    });
    output.result(created, () => `created VM ${created.name} (${created.id}), powered off${warningLines(created.warnings)}`);
  });

vm.command('power <vm> <action>')
  .description('power a VM on, off or suspend it')
  .action(async (ref: string, action: string) => {
    if (!['on', 'off', 'suspend'].includes(action)) throw new CliError(`power action ${action}: on, off or suspend`);
    const { api, output } = context();
    const found = await findVm(api, ref);
    const answered = await api.post<Vm>(`/vms/${encodeURIComponent(found.id)}/power`, { action });
    output.result(answered, () => `${answered.name} is ${answered.powerState}`);
  });

vm.command('hot-add <vm>')
  .description('hot add vCPUs and/or memory (new totals): an FSR switch-over when powered on, followed to its end')
  .option('--vcpus <n>', 'vCPUs in total', positive)
  .option('--memory <MiB>', 'memory in MiB in total', positive)
  .option('--mode <mode>', 'distributed or legacy', 'distributed')
  .option('--dry-run', 'predict the disruption and the stun, change nothing')
  .option('--no-wait', 'answer once started')
  .action(async (ref: string, flags: { vcpus?: number; memory?: number; mode: string; dryRun?: boolean; wait: boolean }) => {
    const { api, output } = context();
    const found = await findVm(api, ref);
    const body = { ...(flags.vcpus ? { vcpus: flags.vcpus } : {}), ...(flags.memory ? { memoryMiB: flags.memory } : {}), mode: flags.mode, ...(flags.dryRun ? { dryRun: true } : {}) };
    const path = `/vms/${encodeURIComponent(found.id)}/hot-add`;
    if (flags.dryRun) {
      const plan = await api.post<{ disruption: string; predictedStunMs: number; segments: number; warnings?: Warning[] } & PredictionGrounds>(path, body);
      output.result(plan, () => `disruption ${plan.disruption}, predicted stun ${plan.predictedStunMs} ms over ${plan.segments} segment(s)${predictionGrounds(plan)}${warningLines(plan.warnings)}`);
      return;
    }
    const answer = await api.post<{ operationId?: string }>(path, body);
    await startAndFollow(answer, output, api, flags.wait, answer);
  });

vm.command('relocate <vm>')
  .description('Storage vMotion to another datastore (a cold copy when powered off), with the copy\'s progress')
  .requiredOption('--datastore <datastore>', 'target datastore id')
  .option('--max-copy-mibps <n>', 'copy bandwidth limit in MiB/s', positive)
  .option('--mode <mode>', 'distributed or legacy', 'distributed')
  .option('--dry-run', 'predict, change nothing')
  .option('--no-wait', 'answer once started')
  .action(async (ref: string, flags: { datastore: string; maxCopyMibps?: number; mode: string; dryRun?: boolean; wait: boolean }) => {
    const { api, output } = context();
    const found = await findVm(api, ref);
    const body = { datastoreId: flags.datastore, mode: flags.mode, ...(flags.maxCopyMibps ? { maxCopyMiBps: flags.maxCopyMibps } : {}), ...(flags.dryRun ? { dryRun: true } : {}) };
    const path = `/vms/${encodeURIComponent(found.id)}/relocate`;
    if (flags.dryRun) {
      const plan = await api.post<{ disruption: string; predictedStunMs: number } & PredictionGrounds>(path, body);
      output.result(plan, () => `disruption ${plan.disruption}, predicted stun ${plan.predictedStunMs} ms${predictionGrounds(plan)}`);
      return;
    }
    const answer = await api.post<{ operationId?: string }>(path, body);
    await startAndFollow(answer, output, api, flags.wait, answer);
  });

vm.command('history <vm>')
  .description('the VM\'s audit trail from the event log, newest first')
  .option('--limit <n>', 'how many events', positive, 20)
  .action(async (ref: string, flags: { limit: number }) => {
    const { api, output } = context();
    const found = await findVm(api, ref);
    const page = await api.get<{ items: { position: string; type: string; occurredAt: string; actor: string; data: { phase?: string; operationId?: string } }[] }>(
      `/vms/${encodeURIComponent(found.id)}/history?order=desc&limit=${flags.limit}`,
    );
    output.result(page.items, () => table(['TIME', 'EVENT', 'DETAIL', 'BY'], page.items.map((item) => [item.occurredAt, item.type, item.data.phase ?? item.data.operationId ?? '', item.actor])));
  });

const ops = program
  .command('ops')
  .description('list operations (newest first); `ops watch <id>` follows one')
  .option('--vm <vm>', 'only this VM\'s')
  .option('--state <state>', 'queued, running, succeeded, failed, cancelled or rolled-back')
  .action(async (flags: { vm?: string; state?: string }) => {
    const { api, output } = context();
    const query = new URLSearchParams({ ...(flags.vm ? { vmId: (await findVm(api, flags.vm)).id } : {}), ...(flags.state ? { state: flags.state } : {}), limit: '50' });
    const list = await api.get<OperationView[]>(`/operations?${query.toString()}`);
    output.result(list, () => table(['OPERATION', 'KIND', 'STATE', 'VM', 'STUN MS'], list.map((op) => [op.id, op.kind, op.state, op.vmId, op.stunMs === null ? '' : op.stunMs.toFixed(2)])));
  });

ops
  .command('watch <operation>')
  .description('follow an operation to its end, with its progress, then its stun')
  .action(async (operationId: string) => {
    const { api, output } = context();
    finish(output, await watchOperation(api, output, operationId));
  });

const leaves = (command: Command): Command[] => (command.commands.length === 0 ? [command] : [command, ...command.commands.flatMap(leaves)]);
for (const command of leaves(program).filter((candidate) => candidate !== program)) {
  command.option('--url <url>', 'the control plane').option('--key <key>', 'an API key').option('--json', 'print JSON');
}

program.parseAsync().catch((error: Error) => {
  process.stderr.write(`fsrctl: ${error instanceof CliError ? error.message : (error.stack ?? error.message)}\n`);
  process.exitCode = 1;
});
