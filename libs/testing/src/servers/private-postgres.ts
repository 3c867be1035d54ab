import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);
const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
const SERVER_USER = 'postgres';

/**
 * A PostgreSQL server of one test's own (initdb in a temporary directory, a free port), so the test may
 * stop it and start it again. PostgreSQL refuses to run as root: as root it runs as the `postgres` user.
 */
export class PrivatePostgres {
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const dir = await mkdtemp(join(tmpdir(), 'fsr-pg-'));
    const server = new PrivatePostgres(dir, await freePort());
    try {
      if (userInfo().uid === 0) {
        const { stdout } = await run('id', ['-u', SERVER_USER]);
        const { stdout: gid } = await run('id', ['-g', SERVER_USER]);
        await chown(dir, Number(stdout.trim()), Number(gid.trim()));
      }
      await server.pg('initdb', ['-D', server.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
      await server.resume();
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    return server;
  }

  /** Where tests create their databases (TEST_DATABASE_ADMIN_URL's shape). */
  get adminUrl(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** A fast shutdown: open sessions are ended, new connections refused until `resume`. */
  async halt(): Promise<void> {
    await this.pg('pg_ctl', ['stop', '-D', this.dataDir, '-m', 'fast', '-w']);
  }

  async resume(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off`;
    await this.pg('pg_ctl', ['start', '-D', this.dataDir, '-o', options, '-l', join(this.dir, 'server.log'), '-w']);
  }

  async destroy(): Promise<void> {
    await this.pg('pg_ctl', ['stop', '-D', this.dataDir, '-m', 'immediate', '-w']).catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  private async pg(program: string, args: string[]): Promise<void> {
    const command = join(BIN, program);
    if (userInfo().uid === 0) await run('runuser', ['-u', SERVER_USER, '--', command, ...args]);
    else await run(command, args);
  }
}
