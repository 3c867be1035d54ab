import { SwitchoverResult } from '@fsr/contracts';

const KEPT = 512;

/** The last results of executed switch-overs, so a control plane that missed one can still record it. */
export class EndedSwitchovers {
  private readonly results = new Map<string, { epoch: number; result: SwitchoverResult }>();

  record(operationId: string, epoch: number, result: SwitchoverResult): void {
    this.results.delete(operationId);
    this.results.set(operationId, { epoch, result });
    if (this.results.size > KEPT) this.results.delete(this.results.keys().next().value as string);
  }

  get(operationId: string): { epoch: number; result: SwitchoverResult } | undefined {
    return this.results.get(operationId);
  }

  /** Oldest first, as a planned restart keeps them. */
  entries(): { operationId: string; epoch: number; result: SwitchoverResult }[] {
    return [...this.results].map(([operationId, ended]) => ({ operationId, ...ended }));
  }
}
