import { Logger, Provider } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../infrastructure/tokens';
import { loadOrCreateAdminKey } from './admin-key-file';
import { ApiKeyRegistry } from './api-key-registry';
import { API_KEY_REGISTRY } from './request-authenticator';

let generatedKeyNotice: string | null = null;

/**
 * The generated key's notice, once: main() prints it after the start-up lines, where it stays on screen;
 * on the terminal only, never through the logger, so the key does not end up in log files.
 */
export function takeGeneratedKeyNotice(): string | null {
  const notice = generatedKeyNotice;
  generatedKeyNotice = null;
  return notice;
}

function announceGeneratedKey(key: string, path: string): void {
  generatedKeyNotice =
    `\nNo API_KEYS set: generated an admin API key (shown only this once, kept in ${path}):\n\n    ${key}\n\n` +
    `Use it as "Authorization: Bearer <key>" or sign in at /login.\n\n`;
}

export const apiKeyRegistryProvider: Provider = {
  provide: API_KEY_REGISTRY,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig): Promise<ApiKeyRegistry> => {
    if (config.apiKeys) return new ApiKeyRegistry(config.apiKeys);
    const admin = await loadOrCreateAdminKey(config.dataDir);
    if (admin.generated) announceGeneratedKey(admin.key, admin.path);
    else new Logger('Auth').log(`No API_KEYS set: using the admin API key kept in ${admin.path}`);
    return new ApiKeyRegistry([{ role: 'admin', key: admin.key }]);
  },
};
