import { Global, Module } from '@nestjs/common';
import { apiKeyRegistryProvider } from './api-key-registry.provider';
import { ApiSessions } from './api-sessions';
import { ApiKeyGuard } from './api-key.guard';
import { BrowserPageAuthMiddleware } from './browser-page-auth';
import { LoginController } from './login.controller';
import { RequestAuthenticator } from './request-authenticator';

/**
 * API-key authentication. Global so that middleware mounted by other modules (the BullMQ
 * dashboard) can use BrowserPageAuthMiddleware. The guard itself is registered as APP_GUARD
 * by HttpPlatformModule, ahead of the throttler.
 */
@Global()
@Module({
  controllers: [LoginController],
  providers: [apiKeyRegistryProvider, ApiSessions, RequestAuthenticator, ApiKeyGuard, BrowserPageAuthMiddleware],
  exports: [ApiSessions, RequestAuthenticator, ApiKeyGuard, BrowserPageAuthMiddleware],
})
export class AuthModule {}
