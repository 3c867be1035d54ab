import { EventStoreUnavailableError } from '../ports/event-store.port';
import { whenStoreAnswers } from './when-store-answers';

describe('whenStoreAnswers', () => {
  it('tries again while the event store cannot be reached, then returns what the work returned', async () => {
    let calls = 0;
    const result = await whenStoreAnswers(async () => {
      calls += 1;
      if (calls < 3) throw new EventStoreUnavailableError(new Error('connect ECONNREFUSED'));
      return 'done';
    });
    expect({ result, calls }).toEqual({ result: 'done', calls: 3 });
  });

  it('lets any other error through at once', async () => {
    let calls = 0;
    const work = async () => {
      calls += 1;
      throw new Error('a bug');
    };
    await expect(whenStoreAnswers(work)).rejects.toThrow('a bug');
    expect(calls).toBe(1);
  });
});
