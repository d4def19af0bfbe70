import { Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { chmodSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TokenService } from '@switchboard/auth';
import { ConfigurationCommands } from '@switchboard/configuration/application';
import { ActionRegistry, GatewayKitModule, TOKEN_SERVICE, webApiController } from '@switchboard/gateway-kit';
import { Infrastructure, INFRASTRUCTURE, Settings, SETTINGS_TOKEN } from '@switchboard/platform';
import { PageIdCodec } from '@switchboard/protocol';
import { AutoAccessQueries, WebhookDeliveryLog } from '@switchboard/read-models';
import { DEFAULT_RETRY_POLICY, scaledRetryPolicy } from '@switchboard/webhooks/domain';
import { SignInController } from './sign-in/sign-in.controller';
import { AdminController } from './admin.controller';
import { registerAgentHandlers } from './agents.handlers';
import { registerAutoAccessHandlers } from './auto-access.handlers';
import { registerBotHandlers } from './bots.handlers';
import { registerGroupHandlers } from './groups.handlers';
import { registerLicenseHandlers } from './license.handlers';
import { PersonalAccessTokensController } from './personal-access-tokens.controller';
import { registerPropertyHandlers } from './properties.handlers';
import { CONFIGURATION_ACTIONS } from './tokens';
import { registerWebhookOperationHandlers } from './webhook-operations.handlers';
import { registerWebhookHandlers } from './webhooks.handlers';
import { registerWidgetSettingsHandlers } from './widget-settings.handlers';
import { WidgetCommands } from '@switchboard/widget/application';

/** Configuration API: agents, groups (more with later issues), organizations and agent tokens. */
@Module({
  imports: [GatewayKitModule],
  controllers: [webApiController('configuration', CONFIGURATION_ACTIONS), AdminController, PersonalAccessTokensController, SignInController],
  providers: [
    {
      provide: ConfigurationCommands,
      inject: [INFRASTRUCTURE, TOKEN_SERVICE, SETTINGS_TOKEN],
      useFactory: (infrastructure: Infrastructure, tokens: TokenService, settings: Settings) =>
        new ConfigurationCommands(infrastructure.store, infrastructure.readModels, tokens, settings.tokenMaxTtlSeconds),
    },
    {
      provide: CONFIGURATION_ACTIONS,
      inject: [INFRASTRUCTURE, SETTINGS_TOKEN, ConfigurationCommands],
      useFactory: (infrastructure: Infrastructure, settings: Settings, commands: ConfigurationCommands) => {
        const registry = new ActionRegistry('configuration', { requestTimeoutMs: settings.requestTimeoutMs });
        registerAgentHandlers(registry, commands, infrastructure.readModels, infrastructure.mailer);
        registerGroupHandlers(registry, commands, infrastructure.readModels);
        registerBotHandlers(registry, commands, infrastructure.readModels);
        registerLicenseHandlers(registry, infrastructure.readModels);
        registerAutoAccessHandlers(registry, commands, new AutoAccessQueries(infrastructure.db));
        registerPropertyHandlers(registry, commands, infrastructure.store, infrastructure.readModels);
        registerWidgetSettingsHandlers(registry, new WidgetCommands(infrastructure.store), infrastructure.db, infrastructure.readModels);
        registerWebhookHandlers(registry, commands, infrastructure.readModels, { blockPrivateTargets: settings.webhooks.blockPrivateTargets });
        const { retryForMs, timeScale } = settings.webhooks;
        registerWebhookOperationHandlers(
          registry,
          commands,
          infrastructure.readModels,
          new WebhookDeliveryLog(infrastructure.db),
          PageIdCodec.fromServerKey(infrastructure.secrets.tokenKey),
          { retryForMs: scaledRetryPolicy({ ...DEFAULT_RETRY_POLICY, retryForMs }, timeScale).retryForMs },
        );
        return registry;
      },
    },
  ],
  exports: [ConfigurationCommands],
})
export class ConfigurationModule implements OnApplicationBootstrap {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(SETTINGS_TOKEN) private readonly settings: Settings,
  ) {}

  /** Embedded mode: leave the admin token where the CLI finds it (never in the logs). */
  onApplicationBootstrap(): void {
    if (this.settings.databaseUrl) return;
    const file = join(resolve(this.settings.dataDir), 'admin-token');
    writeFileSync(file, `${this.infrastructure.secrets.adminToken}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    new Logger('configuration').log(`admin token for the CLI: ${file}`);
  }
}
