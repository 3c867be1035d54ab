import { sharedVersionReads } from './shared-version-reads';

/** A version read that answers when told to. */
function controlledReads() {
  const answers: ((version: string) => void)[] = [];
  const fails: ((error: Error) => void)[] = [];
  const read = () =>
    new Promise<string>((resolve, reject) => {
      answers.push(resolve);
      fails.push(reject);
    });
  return { read, answers, fails };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('sharedVersionReads', () => {
  it('reads at once when no read is on its way', async () => {
    const { read, answers } = controlledReads();
    const version = sharedVersionReads(read);
    const first = version();
    expect(answers).toHaveLength(1);
    answers[0]('0:5');
    expect(await first).toBe('0:5');
    const second = version();
    expect(answers).toHaveLength(2);
    answers[1]('0:6');
    expect(await second).toBe('0:6');
  });

  it('gives those who asked during a read one shared read that starts after it, never the older answer', async () => {
    const { read, answers } = controlledReads();
    const version = sharedVersionReads(read);
    const first = version();
    const waiting = [version(), version(), version()];
    expect(answers).toHaveLength(1);
    answers[0]('0:5');
    await settle();
    expect(answers).toHaveLength(2);
    answers[1]('0:7');
    expect(await first).toBe('0:5');
    expect(await Promise.all(waiting)).toEqual(['0:7', '0:7', '0:7']);
  });

  it('reads again for those who waited on a read that failed, and passes the failure only to its own callers', async () => {
    const { read, answers, fails } = controlledReads();
    const version = sharedVersionReads(read);
    const first = version();
    const waiting = version();
    fails[0](new Error('connection reset'));
    await expect(first).rejects.toThrow('connection reset');
    await settle();
    answers[1]('0:9');
    expect(await waiting).toBe('0:9');
  });
});
