import assert from 'node:assert/strict';
import { Decider, DomainEvent, fold } from '@fsr/domain';

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;
type ErrorPredicate = (error: unknown) => boolean;

export interface DeciderThen<Event> {
  /** The decision equals exactly these events (an empty list means "nothing to do"). */
  then(expected: readonly Event[]): void;
  /** The decision is rejected; returns the error for further assertions. */
  thenThrows<E extends Error = Error>(expected: ErrorClass<E> | ErrorPredicate): E;
}

export interface DeciderSpecification<Command, Event> {
  given(events?: readonly Event[]): { when(command: Command): DeciderThen<Event> };
}

/** Given past events, when a command is decided, then these events or this error. */
export function deciderSpecification<State, Command, Event extends DomainEvent>(
  decider: Decider<State, Command, Event>,
): DeciderSpecification<Command, Event> {
  return {
    given: (events = []) => ({
      when: (command) => {
        const decide = () => decider.decide(command, fold(decider, events));
        return {
          then: (expected) => assert.deepStrictEqual(decide(), expected),
          thenThrows: <E extends Error>(expected: ErrorClass<E> | ErrorPredicate): E => {
            const error = catchError(decide);
            if (isErrorClass(expected)) {
              assert.ok(error instanceof expected, `expected ${expected.name}, got ${describe(error)}`);
            } else {
              assert.ok(expected(error), `the error did not match: ${describe(error)}`);
            }
            return error as E;
          },
        };
      },
    }),
  };
}

function catchError(action: () => unknown): unknown {
  let result: unknown;
  try {
    result = action();
  } catch (error) {
    return error;
  }
  assert.fail(`expected a rejection, got ${JSON.stringify(result)}`);
}

function isErrorClass(value: ErrorClass<Error> | ErrorPredicate): value is ErrorClass<Error> {
  return value.prototype instanceof Error || value === Error;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
