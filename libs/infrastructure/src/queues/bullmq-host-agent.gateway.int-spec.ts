import { randomUUID } from 'node:crypto';
import { bullOptionsFor, queueKeyPrefix, hostCommandsQueue, HostAgentJobLostError, HostAgentUnavailableError } from '@fsr/contracts';
import { redisOptionsFromUrl } from '@fsr/redis-plumbing';
import { ConnectionOptions, Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { BullMqHostAgentGateway } from './bullmq-host-agent.gateway';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The gateway against real Redis, with the test playing the host agent by hand. */
describe('BullMqHostAgentGateway waiting for an answer', () => {
  const prefix = `test-${randomUUID()}`;
  const connection = redisOptionsFromUrl(REDIS_URL) as ConnectionOptions;
  const redis = new Redis(REDIS_URL);
  const queues: Queue[] = [];
  let gateway: BullMqHostAgentGateway;

  const commandsOf = (hostId: string): Queue => {
    const queue = new Queue(hostCommandsQueue(hostId), bullOptionsFor(hostCommandsQueue(hostId), { connection, prefix }));
    queues.push(queue);
    return queue;
  };
  const queuedJob = async (hostId: string): Promise<Job> => {
    const commands = commandsOf(hostId);
    for (;;) {
      const [job] = await commands.getJobs(['waiting']);
      if (job) return job;
      await new Promise((done) => setTimeout(done, 20));
    }
  };

  /** The error a command ends with, handled from the moment it is sent: the gateway may end it before the test's next await returns. */
  const errorOf = (answer: Promise<unknown>): Promise<unknown> => answer.then(
    () => null,
    (error: unknown) => error,
  );

  beforeEach(() => {
    gateway = new BullMqHostAgentGateway({ connection, prefix, timeoutMs: 60_000, lostJobCheckMs: 50 });
  });
  afterEach(() => gateway.close());
  afterAll(async () => {
    await Promise.all(queues.map((queue) => queue.close()));
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('gives up with HOST_AGENT_JOB_LOST as soon as the job is gone from Redis', async () => {
    // The gateway may notice the job gone before the removal's own reply is read.
    const answer = errorOf(gateway.inspectMemory('h1'));
    await (await queuedJob('h1')).remove();
    const error = await answer;
    expect(error).toBeInstanceOf(HostAgentJobLostError);
    expect(error).toMatchObject({ code: 'HOST_AGENT_JOB_LOST', hostId: 'h1' });
  });

  it('takes the result from the job itself when its completion event never came', async () => {
    const answer = gateway.switchoverStatus('h2', 'op-1');
    const job = await queuedJob('h2');
    const result = { state: 'unknown' };
    // Completed straight in the job's hash, as if the event stream had been lost meanwhile.
    await redis.hset(`${queueKeyPrefix(prefix, hostCommandsQueue('h2'))}:${hostCommandsQueue('h2')}:${job.id!}`, 'finishedOn', Date.now(), 'returnvalue', JSON.stringify(result));
    await expect(answer).resolves.toEqual(result);
  });

  it('takes an answer that does not read as its command\'s result as no answer (HOST_AGENT_BAD_ANSWER), with where it is wrong', async () => {
    const answer = errorOf(gateway.powerOn('h6', { vmId: 'vm-1', vcpus: 1, memoryMiB: 16, disks: [] }));
    const job = await queuedJob('h6');
    await redis.hset(`${queueKeyPrefix(prefix, hostCommandsQueue('h6'))}:${hostCommandsQueue('h6')}:${job.id!}`, 'finishedOn', Date.now(), 'returnvalue', JSON.stringify({ pages: 'many' }));
    const error = await answer;
    expect(error).toBeInstanceOf(HostAgentUnavailableError);
    expect(error).toMatchObject({ code: 'HOST_AGENT_BAD_ANSWER', message: expect.stringContaining('its answer to vm.power-on does not read as one (pages: ') });
  });

  it('says the agent is unavailable when nobody takes the job in time, and withdraws it', async () => {
    const impatient = new BullMqHostAgentGateway({ connection, prefix, timeoutMs: 300, lostJobCheckMs: 50 });
    try {
      await expect(impatient.inspectMemory('h3')).rejects.toThrow(HostAgentUnavailableError);
      expect(await commandsOf('h3').getJobCounts('waiting')).toEqual({ waiting: 0 });
    } finally {
      await impatient.close();
    }
  });

  it('ends a command still waited on as unavailable as soon as it closes, and refuses new ones without touching Redis', async () => {
    const closing = new BullMqHostAgentGateway({ connection, prefix, timeoutMs: 60_000, lostJobCheckMs: 50 });
    const answer = errorOf(closing.inspectMemory('h4'));
    await queuedJob('h4');
    await closing.close();
    expect(await answer).toMatchObject({ code: 'HOST_AGENT_UNAVAILABLE', message: expect.stringContaining('the control plane is stopping') });
    await expect(closing.switchoverStatus('h5', 'op-1')).rejects.toThrow(HostAgentUnavailableError);
    expect(await redis.keys(`${queueKeyPrefix(prefix, hostCommandsQueue('h5'))}:${hostCommandsQueue('h5')}:*`)).toEqual([]);
  });
});
