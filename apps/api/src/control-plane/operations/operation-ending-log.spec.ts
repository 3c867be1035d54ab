import { failed, requested, succeeded, switchedOver, switchoverStarted, operationAfter } from '../../../../../libs/domain/src/operation/operation.fixtures';
import { describeEnding } from './operation-ending-log';

describe('the line logged as an operation ends', () => {
  it('names the kind, the VM, the ending and the measured stun beside the predicted one', () => {
    const operation = operationAfter([requested, switchoverStarted(), switchedOver(3.7), succeeded]);
    expect(describeEnding(operation, 'web-1')).toBe('hot-add of web-1 succeeded, stun 3.70 ms (predicted 3.00 ms)');
  });

  it('gives the cause of an operation that did not succeed', () => {
    expect(describeEnding(operationAfter([requested, failed]), 'web-1')).toBe('hot-add of web-1 failed: HOST_AGENT_UNAVAILABLE no answer');
  });
});
