import { ANSWER_MARGIN_MS, TIMEOUTS } from './timeouts';

describe('the protocol\'s timeouts', () => {
  it('end a slow PFrame transfer on the agent, which rolls back and answers, before the control plane stops waiting', () => {
    expect(TIMEOUTS.pframeTransferMs + ANSWER_MARGIN_MS).toBeLessThanOrEqual(TIMEOUTS.hostAgentAnswerMs);
  });

  it('end a slow prepare on the agent (arming its segment workers) before the control plane stops waiting', () => {
    expect(TIMEOUTS.armSegmentsMs + ANSWER_MARGIN_MS).toBeLessThanOrEqual(TIMEOUTS.hostAgentAnswerMs);
  });

  it('keep a prepared destination longer than the control plane waits for the stun that uses it', () => {
    expect(TIMEOUTS.preparedDestinationTtlMs).toBeGreaterThan(TIMEOUTS.hostAgentAnswerMs);
  });

  it('record an agent disconnected only after it missed at least three heartbeats', () => {
    expect(TIMEOUTS.heartbeatTimeoutMs).toBeGreaterThanOrEqual(3 * TIMEOUTS.heartbeatIntervalMs);
  });

  it('let a lease outlive a few of its renewals (every fifth of it) yet hand a dead replica\'s work over before an agent counts as gone', () => {
    expect(TIMEOUTS.leaseTtlMs).toBeLessThan(TIMEOUTS.heartbeatTimeoutMs);
  });

  it('give up a stuck disk copy only after several asks could have gone unanswered', () => {
    expect(TIMEOUTS.diskCopyStallMs).toBeGreaterThanOrEqual(3 * TIMEOUTS.hostAgentAnswerMs);
  });
});
