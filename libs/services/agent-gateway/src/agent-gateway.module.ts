import { BeforeApplicationShutdown, Inject, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TokenService } from '@switchboard/auth';
import { ChatActions, ChatQueries, ChatService } from '@switchboard/chat/application';
import { ConfigurationCommands } from '@switchboard/configuration/application';
import { ActionRegistry, GatewayKitModule, PushHub, RtmServer, SignalRelay, TOKEN_SERVICE, webApiController } from '@switchboard/gateway-kit';
import { Infrastructure, INFRASTRUCTURE, Settings, SETTINGS_TOKEN } from '@switchboard/platform';
import { PageIdCodec } from '@switchboard/protocol';
import { AgentSessions } from '@switchboard/read-models';
import { agentPushPlanner } from './agent-pushes';
import { AgentRtm } from './agent-rtm';
import { registerAgentChatHandlers } from './chat.handlers';
import { registerStatusHandlers } from './status.handlers';
import { registerAgentSignalHandlers } from './signals.handlers';
import { PresenceKeeper } from './presence-keeper';
import { AGENT_ACTIONS } from './tokens';

/** Agent Chat API, Web and RTM: agent sessions, routing statuses, chats, and pushes to agents. */
@Module({
  imports: [GatewayKitModule],
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
      inject: [INFRASTRUCTURE, SETTINGS_TOKEN, ChatQueries, ConfigurationCommands, SignalRelay],
      useFactory: ({ store, readModels }: Infrastructure, settings: Settings, queries: ChatQueries, commands: ConfigurationCommands, relay: SignalRelay) => {
        const registry = new ActionRegistry('agent', { requestTimeoutMs: settings.requestTimeoutMs });
        registerAgentChatHandlers(registry, new ChatActions(new ChatService(store)), queries, readModels);
        registerStatusHandlers(registry, commands, readModels);
        registerAgentSignalHandlers(registry, new ChatService(store), queries, readModels, relay);
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
    });
    this.presence = new PresenceKeeper(sessions, this.commands, () => rtm.liveConnections);
    this.rtm.register(rtm);
    this.pushes.registerPlanner('agent', agentPushPlanner(this.queries, readModels));
  }

  onApplicationBootstrap(): void {
    this.presence?.start();
  }

  beforeApplicationShutdown(): void {
    this.presence?.stop();
  }
}
