import { BeforeApplicationShutdown, Inject, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TokenService } from '@switchboard/auth';
import { ChatActions, ChatPropertyActions, ChatQueries, ChatService, ListArchives, MembershipActions } from '@switchboard/chat/application';
import { ConfigurationCommands } from '@switchboard/configuration/application';
import { ActionRegistry, GatewayKitModule, PushHub, RtmServer, SignalRelay, TOKEN_SERVICE, webApiController } from '@switchboard/gateway-kit';
import { FILE_STORAGE, fileEventCompleter, fileEventsCommitted, FilesModule, registerUploadFile } from '@switchboard/gateway-kit';
import { Infrastructure, INFRASTRUCTURE, Settings, SETTINGS_TOKEN } from '@switchboard/platform';
import { PageIdCodec } from '@switchboard/protocol';
import { AgentSessions, AgentSessionState, FileStorage, isManualRouting } from '@switchboard/read-models';
import { agentPushPlanner } from './agent-pushes';
import { AgentSession } from './agent-session';
import { AgentRtm } from './agent-rtm';
import { registerAgentChatHandlers } from './chat.handlers';
import { registerAgentChatPropertyHandlers } from './chat-properties.handlers';
import { registerStatusHandlers } from './status.handlers';
import { registerSessionHandlers } from './session.handlers';
import { registerMembershipHandlers } from './membership.handlers';
import { registerAgentSignalHandlers } from './signals.handlers';
import { registerArchiveHandlers } from './archive.handlers';
import { PresenceKeeper } from './presence-keeper';
import { registerAgentCustomers } from './customers.handlers';
import { CustomerMonitoring } from './customer-monitoring';
import { withCustomerPushes } from './customer-pushes';
import { AGENT_ACTIONS } from './tokens';

/** Agent Chat API, Web and RTM: agent sessions, routing statuses, chats, and pushes to agents. */
@Module({
  imports: [GatewayKitModule, FilesModule],
  controllers: [webApiController('agent', AGENT_ACTIONS)],
  providers: [
    {
      provide: ChatQueries,
      inject: [INFRASTRUCTURE],
      useFactory: ({ readModels, secrets }: Infrastructure) => new ChatQueries(readModels, PageIdCodec.fromServerKey(secrets.tokenKey)),
    },
    {
      provide: ConfigurationCommands,
      inject: [INFRASTRUCTURE, TOKEN_SERVICE],
      useFactory: ({ store, readModels }: Infrastructure, tokens: TokenService) => new ConfigurationCommands(store, readModels, tokens),
    },
    {
      provide: AGENT_ACTIONS,
      inject: [INFRASTRUCTURE, SETTINGS_TOKEN, ChatQueries, ConfigurationCommands, FILE_STORAGE, SignalRelay],
      useFactory: (infrastructure: Infrastructure, settings: Settings, queries: ChatQueries, commands: ConfigurationCommands, files: FileStorage, relay: SignalRelay) => {
        const { store, readModels, db, secrets } = infrastructure;
        const registry = new ActionRegistry('agent', { requestTimeoutMs: settings.requestTimeoutMs });
        registerAgentChatHandlers(registry, new ChatActions(new ChatService(store), fileEventCompleter(files, settings.fileUnusedTtlSeconds), fileEventsCommitted(files)), queries, readModels);
        registerUploadFile(registry, files);
        registerStatusHandlers(registry, commands, readModels);
        registerSessionHandlers(registry, new AgentSession(new AgentSessionState(db), commands, readModels));
        registerMembershipHandlers(registry, new MembershipActions(new ChatService(store), readModels, (organizationId, groupIds) => isManualRouting(db, organizationId, groupIds)), queries, readModels);
        registerAgentChatPropertyHandlers(registry, new ChatPropertyActions(new ChatService(store)), queries);
        registerAgentSignalHandlers(registry, new ChatService(store), queries, readModels, relay);
        registerAgentCustomers(registry, infrastructure);
        registerArchiveHandlers(registry, new ListArchives(readModels, PageIdCodec.fromServerKey(secrets.tokenKey)));
        return registry;
      },
    },
  ],
})
export class AgentGatewayModule implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private presence: PresenceKeeper | undefined;

  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(AGENT_ACTIONS) private readonly registry: ActionRegistry,
    private readonly queries: ChatQueries,
    private readonly commands: ConfigurationCommands,
    private readonly rtm: RtmServer,
    private readonly pushes: PushHub,
    @Inject(SETTINGS_TOKEN) private readonly settings: Settings,
  ) {}

  onModuleInit(): void {
    const { store, readModels, db } = this.infrastructure;
    const sessions = new AgentSessions(db, randomUUID());
    const { limits } = this.settings;
    const rtm = new AgentRtm(this.registry, store, readModels, sessions, this.commands, this.queries, {
      enabled: limits.enabled,
      perAgent: limits.rtmMaxConnectionsPerAgent,
      evict: (ids) => this.rtm.evict(ids),
    }, new AgentSession(new AgentSessionState(db), this.commands, readModels), new CustomerMonitoring(db, readModels));
    this.presence = new PresenceKeeper(sessions, this.commands, () => rtm.liveConnections);
    this.rtm.register(rtm);
    this.pushes.registerPlanner('agent', withCustomerPushes(agentPushPlanner(this.queries, readModels, db), db, readModels));
  }

  onApplicationBootstrap(): void {
    this.presence?.start();
  }

  beforeApplicationShutdown(): void {
    this.presence?.stop();
  }
}
