import { DemoVm, OperationView } from './demo-scenario';

const COLUMNS = ['operation', 'VM', 'host', 'kind', 'mode', 'segments', 'state', 'predicted stun ms', 'measured stun ms', 'SLA'] as const;

const ms = (value: number | null | undefined) => (value === null || value === undefined ? '-' : value.toFixed(1));

/** Operations as a plain-text table: predicted against measured stun, one row each. */
export function operationsTable(operations: readonly OperationView[], vms: readonly DemoVm[]): string {
  const nameOf = new Map(vms.map((vm) => [vm.id, vm.name]));
  const rows = operations.map((operation) => [
    operation.id.slice(0, 8),
    nameOf.get(operation.vmId) ?? operation.vmId,
    operation.hostId,
    operation.kind,
    operation.mode,
    String(operation.segments.length),
    operation.error ? `${operation.state} (${operation.error.code})` : operation.state,
    ms(operation.predictedStunMs),
    ms(operation.stunMs),
    operation.slaBreached === null ? '-' : operation.slaBreached ? 'breached' : 'met',
  ]);
  const widths = COLUMNS.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [line(COLUMNS), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
