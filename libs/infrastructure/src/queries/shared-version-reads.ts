/** Where the read models are: how often they were rebuilt and the position of the last event projected into them. */
export type ReadModelsVersion = () => Promise<string>;

/**
 * One read of the version on its way at a time: whoever asks while one is on its way shares the next one,
 * which starts once that one answers, so every caller gets a version read after it asked. A slow answer then
 * delays the requests that came meanwhile by one read, instead of lining each up for a connection of its own.
 */
export function sharedVersionReads(read: ReadModelsVersion): ReadModelsVersion {
  let current: Promise<string> | null = null;
  let next: Promise<string> | null = null;
  const start = (): Promise<string> => {
    const reading = read().finally(() => {
      if (current === reading) current = null;
    });
    current = reading;
    return reading;
  };
  return () => {
    if (current === null) return start();
    next ??= current
      .catch(() => undefined)
      .then(() => {
        next = null;
        return start();
      });
    return next;
  };
}
