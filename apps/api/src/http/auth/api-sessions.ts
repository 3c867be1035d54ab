import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '@fsr/infrastructure';
import { AppConfig } from '../../config/app-config';
import type { Role } from './roles.decorator';
import { APP_CONFIG, PRISMA } from '../../infrastructure/tokens';

export interface ApiSession {
  readonly userName: string;
  /** The API key it was opened with, as the audit trail names keys (`operator:1a2b3c4d`). */
  readonly principal: string;
  readonly role: Role;
  readonly createdAt: Date;
  readonly lastUsedAt: Date;
}

/** A session used within this long is not written back on every request. */
const TOUCH_AFTER_MS = 5_000;

const digestOf = (sessionId: string) => createHash('sha256').update(sessionId, 'utf8').digest('hex');

/**
 * Sessions kept in the database (so they survive a restart), only as digests of their ids: the vSphere
 * API's and the browser login's. A session idle longer than VSPHERE_SESSION_IDLE_MINUTES is gone; every
 * use restarts its idle time.
 */
@Injectable()
export class ApiSessions {
  private readonly idleMs: number;

  constructor(
    @Inject(PRISMA) private readonly prisma: Database['prisma'],
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.idleMs = config.vsphereSessionIdleMinutes * 60_000;
  }

  async open(userName: string, principal: { actor: string; role: Role }): Promise<string> {
    const sessionId = randomBytes(24).toString('hex');
    const now = new Date();
    await this.prisma.apiSession.create({
      data: { id: digestOf(sessionId), userName, principal: principal.actor, role: principal.role, createdAt: now, lastUsedAt: now },
    });
    await this.prisma.apiSession.deleteMany({ where: { lastUsedAt: { lt: new Date(now.getTime() - this.idleMs) } } });
    return sessionId;
  }

  /** The live session of that id, its idle time restarted; undefined when unknown or expired. */
  async use(sessionId: string): Promise<ApiSession | undefined> {
    const id = digestOf(sessionId);
    const row = await this.prisma.apiSession.findUnique({ where: { id } });
    if (!row) return undefined;
    const now = Date.now();
    if (now - row.lastUsedAt.getTime() > this.idleMs) {
      await this.prisma.apiSession.deleteMany({ where: { id } });
      return undefined;
    }
    if (now - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
      await this.prisma.apiSession.updateMany({ where: { id }, data: { lastUsedAt: new Date(now) } });
    }
    return { userName: row.userName, principal: row.principal, role: row.role as Role, createdAt: row.createdAt, lastUsedAt: new Date(now) };
  }

  async close(sessionId: string): Promise<void> {
    await this.prisma.apiSession.deleteMany({ where: { id: digestOf(sessionId) } });
  }
}
