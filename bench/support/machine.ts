import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  readonly cores: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  /** 1, 5 and 15 minute load averages when the run started and ended: the machine is shared. */
  readonly loadAtStart: number[];
  loadAtEnd: number[];
}

export function describeMachine(): Machine {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
    loadAtEnd: [],
  };
}

export function finishMachine(machine: Machine): void {
  machine.loadAtEnd = loadavg().map((value) => Math.round(value * 100) / 100);
}
