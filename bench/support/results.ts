import type { ApiFigures } from '../measure/api-latency';
import type { CopyFloor } from '../measure/copy-floor';
import type { DiskCopyFigures } from '../measure/disk-copy';
import type { EventStoreFigures } from '../measure/event-store';
import type { OrchestrationFloor } from '../measure/orchestration-floor';
import type { StunCell } from '../measure/stun-matrix';
import type { StreamHistoryFigures } from '../measure/stream-history';
import type { ScaleFigures } from '../measure/scale';
import type { TakeoverFigures } from '../measure/takeover';
import type { Machine } from './machine';
import type { BenchOptions } from './options';

/** Everything one `npm run bench` measured: written as bench/results/<timestamp>.json. */
export interface BenchResults {
  readonly startedAt: string;
  finishedAt: string;
  readonly options: Omit<BenchOptions, 'only'> & { only: string[] | null };
  readonly machine: Machine;
  /** The agent's own start-up measurement (copy + both CRCs on one copy thread). */
  agentPframesPerSecondPerThread: number | null;
  copyFloor: CopyFloor[];
  orchestrationFloor: OrchestrationFloor | null;
  eventStore: EventStoreFigures | null;
  stun: StunCell[];
  api: ApiFigures[];
  /** One row per disk size; results written before it have only `diskCopy`. */
  diskCopies?: DiskCopyFigures[];
  diskCopy?: DiskCopyFigures | null;
  /** Absent in results written before replicas existed. */
  takeover?: TakeoverFigures | null;
  /** Absent in results written before snapshots existed. */
  streamHistory?: StreamHistoryFigures | null;
  /** Only with `--only scale`. */
  scale?: ScaleFigures | null;
}

/** The disk copy rows of a run, whichever shape its results were written in. */
export const diskCopiesOf = (results: BenchResults): DiskCopyFigures[] => results.diskCopies ?? (results.diskCopy ? [results.diskCopy] : []);
