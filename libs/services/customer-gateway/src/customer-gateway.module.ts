import { BeforeApplicationShutdown, Inject, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { TokenService } from '@switchboard/auth';
import { ChatActions, ChatPropertyActions, ChatQueries, ChatService } from '@switchboard/chat/application';
import { ActionRegistry, CustomerBans, GatewayKitModule, PushHub, RtmServer, SignalRelay, TOKEN_SERVICE, webApiController } from '@switchboard/gateway-kit';
import { FILE_STORAGE, fileEventCompleter, fileEventsCommitted, FilesModule, registerUploadFile } from '@switchboard/gateway-kit';
import { AutoAccessQueries, FileStorage } from '@switchboard/read-models';
import { Infrastructure, INFRASTRUCTURE, isPublicAddress, Settings, SETTINGS_TOKEN } from '@switchboard/platform';
import { PageIdCodec } from '@switchboard/protocol';
import { registerCustomerChatHandlers } from './chat.handlers';
import { CustomerTokenController } from './customer-token.controller';
import { CustomerIdentity } from './customer-identity';
import { customerPushPlanner } from './customer-pushes';
import { withGroupStatusPushes } from './group-status/group-status-pushes';
import { CustomerRtm } from './customer-rtm';
import { registerCustomerPropertyHandlers } from './properties.handlers';
import { PageFetcher } from './url-info/page-fetcher';
import { registerUrlInfoHandlers } from './url-info.handlers';
import { registerCustomerChatPropertyHandlers } from './chat-properties.handlers';
import { registerCustomerSignalHandlers } from './signals.handlers';
import { CUSTOMER_ACTIONS } from './tokens';
import { autoAccessPreset } from './self-service/auto-access-preset';
import { withQueueAdmission } from './queue/queue-admission';
import { CustomerSelfService } from './self-service/customer-self-service';
import { registerSelfServiceHandlers } from './self-service/self-service.handlers';
import { CustomerCommands } from '@switchboard/customer/application';
import { EmailVerification, EmailVerificationController, registerWidgetHandlers, WidgetReader } from './widget';
import { registerCustomerProfile } from './profile.handlers';

/** Customer Chat API, Web and RTM, customer tokens for widgets, and pushes to customers. */
@Module({
  imports: [GatewayKitModule, FilesModule],
  controllers: [webApiController('customer', CUSTOMER_ACTIONS), CustomerTokenController, EmailVerificationController],
  providers: [
    {
      provide: CUSTOMER_ACTIONS,
      inject: [INFRASTRUCTURE, SETTINGS_TOKEN, FILE_STORAGE, SignalRelay, CustomerSelfService, EmailVerification],
      useFactory: (
        infrastructure: Infrastructure,
        settings: Settings,
        files: FileStorage,
        relay: SignalRelay,
        self: CustomerSelfService,
        verification: EmailVerification,
      ) => {
        const { store, readModels, secrets, db } = infrastructure;
        const registry = new ActionRegistry('customer', { requestTimeoutMs: settings.requestTimeoutMs });
        const queries = new ChatQueries(readModels, PageIdCodec.fromServerKey(secrets.tokenKey));
        registerCustomerChatHandlers(registry, new ChatActions(new ChatService(store), fileEventCompleter(files, settings.fileUnusedTtlSeconds), fileEventsCommitted(files)), queries, readModels, withQueueAdmission(autoAccessPreset(readModels, new AutoAccessQueries(db)), readModels, db));
        registerSelfServiceHandlers(registry, self);
        registerUploadFile(registry, files);
        registerCustomerPropertyHandlers(registry, readModels);
        registerUrlInfoHandlers(registry, new PageFetcher(settings.urlInfoAllowPrivate ? () => true : isPublicAddress));
        registerCustomerChatPropertyHandlers(registry, new ChatPropertyActions(new ChatService(store)), queries);
        registerCustomerSignalHandlers(registry, new ChatService(store), queries, readModels, relay);
        registerWidgetHandlers(registry, new WidgetReader(readModels, db), new CustomerCommands(store), verification);
        registerCustomerProfile(registry, infrastructure);
        return registry;
      },
    },
    {
      provide: CustomerSelfService,
      inject: [INFRASTRUCTURE],
      useFactory: ({ store, readModels, db }: Infrastructure) => new CustomerSelfService(store, readModels, db),
    },
    {
      provide: EmailVerification,
      inject: [INFRASTRUCTURE, SETTINGS_TOKEN],
      useFactory: ({ store, readModels, mailer }: Infrastructure, settings: Settings) =>
        new EmailVerification(new CustomerCommands(store), readModels, mailer, new PageFetcher(settings.urlInfoAllowPrivate ? () => true : isPublicAddress), settings.publicUrl),
    },
    {
      provide: CustomerIdentity,
      inject: [INFRASTRUCTURE, TOKEN_SERVICE, CustomerBans],
      useFactory: ({ store, readModels }: Infrastructure, tokens: TokenService, bans: CustomerBans) => new CustomerIdentity(store, readModels, tokens, bans),
    },
  ],
})
export class CustomerGatewayModule implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(CUSTOMER_ACTIONS) private readonly registry: ActionRegistry,
    private readonly rtm: RtmServer,
    private readonly pushes: PushHub,
    private readonly self: CustomerSelfService,
  ) {}

  onModuleInit(): void {
    const { readModels, secrets, db } = this.infrastructure;
    this.rtm.register(new CustomerRtm(this.registry, this.self));
    const queries = new ChatQueries(readModels, PageIdCodec.fromServerKey(secrets.tokenKey));
    this.pushes.registerPlanner('customer', withGroupStatusPushes(customerPushPlanner(queries, readModels), readModels, db));
  }

  onApplicationBootstrap(): void {
    this.self.keeper.start();
  }

  beforeApplicationShutdown(): void {
    this.self.keeper.stop();
  }
}
