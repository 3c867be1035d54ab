import { Decider, DomainEvent } from '@fsr/domain';

/** Decides several commands on one aggregate in order, each against the state the previous ones left. */
export function decideAll<State, Command, Event extends DomainEvent>(
  decider: Decider<State, Command, Event>,
  state: State,
  commands: readonly Command[],
): Event[] {
  const events: Event[] = [];
  let current = state;
  for (const command of commands) {
    const decided = decider.decide(command, current);
    current = decided.reduce((state, event) => decider.evolve(state, event), current);
    events.push(...decided);
  }
  return events;
}
