import { StunSample, TransferMode } from '@fsr/domain';

export const STUN_HISTORY = Symbol('STUN_HISTORY');

/** The switch-overs a host ran, as the read model recorded them: what its stun predictions learn from. */
export interface StunHistory {
  /** The host's last `limit` switch-overs in `mode` that succeeded, newest first. */
  recentStuns(hostId: string, mode: TransferMode, limit: number): Promise<readonly StunSample[]>;
}
