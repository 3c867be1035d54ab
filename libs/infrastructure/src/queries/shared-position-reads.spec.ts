import { sharedPositionReads } from './shared-position-reads';

/** A position read that answers when told to. */
function controlledReads() {
  const answers: ((position: bigint) => void)[] = [];
  const fails: ((error: Error) => void)[] = [];
  const read = () =>
    new Promise<bigint>((resolve, reject) => {
      answers.push(resolve);
      fails.push(reject);
    });
  return { read, answers, fails };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('sharedPositionReads', () => {
  it('reads at once when no read is on its way', async () => {
    const { read, answers } = controlledReads();
    const position = sharedPositionReads(read);
    const first = position();
    expect(answers).toHaveLength(1);
    answers[0](5n);
    expect(await first).toBe(5n);
    const second = position();
    expect(answers).toHaveLength(2);
    answers[1](6n);
    expect(await second).toBe(6n);
  });

  it('gives those who asked during a read one shared read that starts after it, never the older answer', async () => {
    const { read, answers } = controlledReads();
    const position = sharedPositionReads(read);
    const first = position();
    const waiting = [position(), position(), position()];
    expect(answers).toHaveLength(1);
    answers[0](5n);
    await settle();
    expect(answers).toHaveLength(2);
    answers[1](7n);
    expect(await first).toBe(5n);
    expect(await Promise.all(waiting)).toEqual([7n, 7n, 7n]);
  });

  it('reads again for those who waited on a read that failed, and passes the failure only to its own callers', async () => {
    const { read, answers, fails } = controlledReads();
    const position = sharedPositionReads(read);
    const first = position();
    const waiting = position();
    fails[0](new Error('connection reset'));
    await expect(first).rejects.toThrow('connection reset');
    await settle();
    answers[1](9n);
    expect(await waiting).toBe(9n);
  });
});
