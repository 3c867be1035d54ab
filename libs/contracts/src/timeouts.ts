/**
 * The protocol's time limits in one table; each side derives its own from here. Their order is the point:
 * a step the agent bounds itself must end there, with its reason, before the control plane stops waiting
 * for the answer and can only say "unavailable" (timeouts.spec.ts asserts each relation).
 */
export const TIMEOUTS = {
  /** Agent: how often it says it is alive. */
  heartbeatIntervalMs: 2_000,
  /** Control plane: the silence after which an agent is recorded disconnected (three missed heartbeats). */
  heartbeatTimeoutMs: 6_000,
  /** Agent: arming a switch-over's segment workers while it prepares. */
  armSegmentsMs: 15_000,
  /** Agent: the PFrame transfer inside the stun; past it the switch-over rolls back and says why. */
  pframeTransferMs: 20_000,
  /** Control plane: how long it waits for an agent's answer to one command. */
  hostAgentAnswerMs: 30_000,
  /** Agent: a prepared destination nobody switched over is discarded after this. */
  preparedDestinationTtlMs: 60_000,
  /**
   * Control plane: a disk copy whose bytes did not move for this long (asked once a second, answered or not)
   * is given up as stuck; a copy under its slowest limit still moves every second.
   */
  diskCopyStallMs: 120_000,
  /** Control plane: a replica's hold on an operation, a host's liveness watch, its own presence. */
  leaseTtlMs: 5_000,
} as const;

/** Room for the agent to roll back and report after its own deadline, before the control plane's runs out. */
export const ANSWER_MARGIN_MS = 5_000;
