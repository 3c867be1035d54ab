import { setTimeout as sleep } from 'node:timers/promises';
import { Api } from './api';
import { Output } from './output';

export interface OperationView {
  readonly id: string;
  readonly kind: string;
  readonly vmId: string;
  readonly state: string;
  readonly phase: string | null;
  readonly mode: string;
  readonly progress: { done: number; total: number; unit: string };
  readonly predictedStunMs: number;
  readonly stunMs: number | null;
  readonly slaMs: number;
  readonly relocation?: { bytesPerSecond: number | null; mirroredWrites: number | null; cold: boolean } | null;
  readonly error?: { code: string; message: string };
}

const ENDED = ['succeeded', 'failed', 'cancelled', 'rolled-back'];
const BAR = 30;

/** `[#####-----]  42%  120.0/256.0 MiB  31.5 MiB/s  disk-copy`: one line of an operation under way. */
export function progressLine(op: OperationView): string {
  const share = op.progress.total > 0 ? Math.min(1, op.progress.done / op.progress.total) : 0;
  const filled = Math.round(share * BAR);
  const amount =
    op.progress.unit === 'bytes'
      ? `${(op.progress.done / 2 ** 20).toFixed(1)}/${(op.progress.total / 2 ** 20).toFixed(1)} MiB`
      : `${op.progress.done}/${op.progress.total} ${op.progress.unit}`;
  const rate = op.relocation?.bytesPerSecond ? `  ${(op.relocation.bytesPerSecond / 2 ** 20).toFixed(1)} MiB/s` : '';
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${amount}${rate}  ${op.phase ?? op.state}`;
}

/** How the operation ended, with its stun against the prediction and the SLA. */
export function endingLine(op: OperationView): string {
  const stun = op.stunMs === null ? 'no stun' : `stun ${op.stunMs.toFixed(2)} ms (predicted ${op.predictedStunMs.toFixed(2)} ms, SLA ${op.slaMs} ms)`;
  const mirrored = op.relocation && !op.relocation.cold && op.relocation.mirroredWrites !== null ? `, ${op.relocation.mirroredWrites} guest writes mirrored` : '';
  const cause = op.error ? `: ${op.error.code} ${op.error.message}` : '';
  return `${op.kind} ${op.id} ${op.state}, ${op.relocation?.cold ? 'cold copy' : `${op.mode} mode`}, ${stun}${mirrored}${cause}`;
}

/** Follows an operation to its end, drawing its progress (in place on a terminal, a line per change otherwise). */
export async function watchOperation(api: Api, output: Output, operationId: string, intervalMs = 250): Promise<OperationView> {
  const tty = process.stdout.isTTY && !output.json;
  let last = '';
  for (;;) {
    const op = await api.get<OperationView>(`/operations/${encodeURIComponent(operationId)}`);
    const line = progressLine(op);
    if (line !== last && !output.json) {
      if (tty) process.stdout.write(`\r${line}`);
      else output.line(line);
      last = line;
    }
    if (ENDED.includes(op.state)) {
      if (tty) process.stdout.write('\n');
      return op;
    }
    await sleep(intervalMs);
  }
}
