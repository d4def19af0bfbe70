import { BeforeApplicationShutdown, Inject, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TokenService } from '@switchboard/auth';
import { ChatActions, ChatQueries, ChatService } from '@switchboard/chat/application';
import { ConfigurationCommands } from '@switchboard/configuration/application';
import { ActionRegistry, GatewayKitModule, PushHub, RtmServer, TOKEN_SERVICE, webApiController } from '@switchboard/gateway-kit';
import { Infrastructure, INFRASTRUCTURE } from '@switchboard/platform';
import { AgentSessions } from '@switchboard/read-models';
import { agentPushPlanner } from './agent-pushes';
import { AgentRtm } from './agent-rtm';
import { registerAgentChatHandlers } from './chat.handlers';
import { registerStatusHandlers } from './status.handlers';
import { PresenceKeeper } from './presence-keeper';
import { AGENT_ACTIONS } from './tokens';

/** Agent Chat API, Web and RTM: agent sessions, routing statuses, chats, and pushes to agents. */
@Module({
  imports: [GatewayKitModule],
  controllers: [webApiController('agent', AGENT_ACTIONS)],
  providers: [
    {
      provide: AGENT_ACTIONS,
      inject: [INFRASTRUCTURE, TOKEN_SERVICE],
      useFactory: (infrastructure: Infrastructure, tokens: TokenService) => {
        const { store, readModels } = infrastructure;
        const registry = new ActionRegistry('agent');
        const queries = new ChatQueries(readModels);
        registerAgentChatHandlers(registry, new ChatActions(new ChatService(store)), queries, readModels);
        registerStatusHandlers(registry, new ConfigurationCommands(store, readModels, tokens), readModels);
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
    @Inject(TOKEN_SERVICE) private readonly tokens: TokenService,
    private readonly rtm: RtmServer,
    private readonly pushes: PushHub,
  ) {}

  onModuleInit(): void {
    const { store, readModels, db } = this.infrastructure;
    const queries = new ChatQueries(readModels);
    const commands = new ConfigurationCommands(store, readModels, this.tokens);
    const sessions = new AgentSessions(db, randomUUID());
    this.presence = new PresenceKeeper(sessions, commands);
    this.rtm.register(new AgentRtm(this.registry, store, readModels, sessions, commands, queries));
    this.pushes.registerPlanner('agent', agentPushPlanner(queries, readModels));
  }

  onApplicationBootstrap(): void {
    this.presence?.start();
  }

  beforeApplicationShutdown(): void {
    this.presence?.stop();
  }
}
