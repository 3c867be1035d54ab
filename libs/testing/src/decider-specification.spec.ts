import { AssertionError } from 'node:assert';
import { Decider, DomainEvent } from '@fsr/domain';
import { deciderSpecification } from './decider-specification';

type Counted = DomainEvent<'counted', { by: number }>;
class TooFarError extends Error {}
const counter: Decider<number, { type: 'count'; by: number }, Counted> = {
  initialState: 0,
  decide: (command, total) => {
    if (total + command.by > 3) throw new TooFarError('too far');
    return command.by === 0 ? [] : [{ type: 'counted', data: { by: command.by } }];
  },
  evolve: (total, event) => total + event.data.by,
};
const spec = deciderSpecification(counter);
const counted = (by: number): Counted => ({ type: 'counted', data: { by } });

describe('deciderSpecification', () => {
  it('passes when the decided events are the expected ones', () => {
    spec.given([counted(1)]).when({ type: 'count', by: 2 }).then([counted(2)]);
  });
  it('fails when the decided events differ', () => {
    expect(() => spec.given([]).when({ type: 'count', by: 2 }).then([counted(1)])).toThrow(AssertionError);
  });
  it('folds the given events before deciding', () => {
    expect(() => spec.given([counted(3)]).when({ type: 'count', by: 1 }).then([counted(1)])).toThrow(TooFarError);
  });
  it('returns the expected error', () => {
    const error = spec.given([counted(3)]).when({ type: 'count', by: 1 }).thenThrows(TooFarError);
    expect(error.message).toBe('too far');
  });
  it('accepts a predicate', () => {
    spec.given([counted(3)]).when({ type: 'count', by: 1 }).thenThrows((error) => error instanceof TooFarError);
  });
  it('fails when nothing is thrown', () => {
    expect(() => spec.given([]).when({ type: 'count', by: 0 }).thenThrows(TooFarError)).toThrow(AssertionError);
  });
  it('fails when another error is thrown', () => {
    expect(() => spec.given([counted(3)]).when({ type: 'count', by: 1 }).thenThrows(RangeError)).toThrow(AssertionError);
  });
});
