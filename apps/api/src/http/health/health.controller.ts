import { Controller, Get, HttpException, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth/roles.decorator';
import { ApiErrors } from '../errors/api-errors.decorator';
import { DependencyHealth } from './dependency-health';

interface FailedHealthCheck {
  error?: Record<string, unknown>;
  details?: Record<string, unknown>;
}

/** Served at /api/v1/health and, through a rewrite in createApp, at /health. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly dependencies: DependencyHealth,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness plus database, Redis and host-agent checks, and the replica\'s id and leases (public)' })
  @ApiOkResponse({ description: '`{ status: "ok" | "degraded", info, error, details }`; degraded: no host agent connected' })
  @ApiErrors(503)
  async check() {
    try {
      return await this.health.check([
        () => this.dependencies.database(),
        () => this.dependencies.redisConnection(),
        () => this.dependencies.hostAgents(),
        () => this.dependencies.replica(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as FailedHealthCheck;
      const failing = Object.keys(result.error ?? {}).join(', ') || 'shutting down';
      throw new HttpException(
        { statusCode: 503, code: 'UNHEALTHY', message: `Unhealthy: ${failing}`, details: result.details },
        503,
      );
    }
  }
}
