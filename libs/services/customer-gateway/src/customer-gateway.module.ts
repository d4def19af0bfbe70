import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { TokenService } from '@switchboard/auth';
import { ChatActions, ChatPropertyActions, ChatQueries, ChatService } from '@switchboard/chat/application';
import { ActionRegistry, GatewayKitModule, PushHub, RtmServer, SignalRelay, TOKEN_SERVICE, webApiController } from '@switchboard/gateway-kit';
import { FILE_STORAGE, fileEventCompleter, fileEventsCommitted, FilesModule, registerUploadFile } from '@switchboard/gateway-kit';
import { FileStorage } from '@switchboard/read-models';
import { Infrastructure, INFRASTRUCTURE, Settings, SETTINGS_TOKEN } from '@switchboard/platform';
import { PageIdCodec } from '@switchboard/protocol';
import { registerCustomerChatHandlers } from './chat.handlers';
import { CustomerTokenController } from './customer-token.controller';
import { CustomerIdentity } from './customer-identity';
import { customerPushPlanner } from './customer-pushes';
import { CustomerRtm } from './customer-rtm';
import { registerCustomerPropertyHandlers } from './properties.handlers';
import { isPublicAddress } from './url-info/address-policy';
import { PageFetcher } from './url-info/page-fetcher';
import { registerUrlInfoHandlers } from './url-info.handlers';
import { registerCustomerChatPropertyHandlers } from './chat-properties.handlers';
import { registerCustomerSignalHandlers } from './signals.handlers';
import { CUSTOMER_ACTIONS } from './tokens';
import { registerCustomerProfile } from './profile.handlers';

/** Customer Chat API, Web and RTM, customer tokens for widgets, and pushes to customers. */
@Module({
  imports: [GatewayKitModule, FilesModule],
  controllers: [webApiController('customer', CUSTOMER_ACTIONS), CustomerTokenController],
  providers: [
    {
      provide: CUSTOMER_ACTIONS,
      inject: [INFRASTRUCTURE, SETTINGS_TOKEN, FILE_STORAGE, SignalRelay],
      useFactory: (infrastructure: Infrastructure, settings: Settings, files: FileStorage, relay: SignalRelay) => {
        const { store, readModels, secrets } = infrastructure;
        const registry = new ActionRegistry('customer', { requestTimeoutMs: settings.requestTimeoutMs });
        const queries = new ChatQueries(readModels, PageIdCodec.fromServerKey(secrets.tokenKey));
        registerCustomerChatHandlers(registry, new ChatActions(new ChatService(store), fileEventCompleter(files, settings.fileUnusedTtlSeconds), fileEventsCommitted(files)), queries, readModels);
        registerUploadFile(registry, files);
        registerCustomerPropertyHandlers(registry, readModels);
        registerUrlInfoHandlers(registry, new PageFetcher(settings.urlInfoAllowPrivate ? () => true : isPublicAddress));
        registerCustomerChatPropertyHandlers(registry, new ChatPropertyActions(new ChatService(store)), queries);
        registerCustomerSignalHandlers(registry, new ChatService(store), queries, readModels, relay);
        registerCustomerProfile(registry, infrastructure);
        return registry;
      },
    },
    {
      provide: CustomerIdentity,
      inject: [INFRASTRUCTURE, TOKEN_SERVICE],
      useFactory: ({ store, readModels }: Infrastructure, tokens: TokenService) => new CustomerIdentity(store, readModels, tokens),
    },
  ],
})
export class CustomerGatewayModule implements OnModuleInit {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(CUSTOMER_ACTIONS) private readonly registry: ActionRegistry,
    private readonly rtm: RtmServer,
    private readonly pushes: PushHub,
  ) {}

  onModuleInit(): void {
    const { store, readModels, secrets } = this.infrastructure;
    this.rtm.register(new CustomerRtm(this.registry, store, readModels));
    const queries = new ChatQueries(readModels, PageIdCodec.fromServerKey(secrets.tokenKey));
    this.pushes.registerPlanner('customer', customerPushPlanner(queries, readModels));
  }
}
