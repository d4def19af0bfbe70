import { ConfigurationCommands } from '@switchboard/configuration/application';
import { Authenticated, RtmConnection } from '@switchboard/gateway-kit';
import { agentPushSubscription, ApiError, PayloadOf } from '@switchboard/protocol';
import { AgentSessionState, ReadModels } from '@switchboard/read-models';

type LoginPayload = Partial<Pick<PayloadOf<'agent', 'login'>, 'away' | 'pushes' | 'push_notifications'>>;

/**
 * What an agent's RTM connection asks for about itself (ADR 0029): the pushes
 * it wants (`login.pushes`), its mobile notifications, and being away — when
 * every connection of the agent is away, the agent stops accepting chats.
 */
export class AgentSession {
  constructor(
    private readonly state: AgentSessionState,
    private readonly commands: ConfigurationCommands,
    private readonly readModels: ReadModels,
  ) {}

  /** Before `login` changes anything: its `pushes` are checked and kept on the session. */
  subscribe(connection: RtmConnection, payload: LoginPayload): void {
    connection.session!.pushes = agentPushSubscription(payload.pushes);
  }

  /** Once the connection's session row exists: `away` and `push_notifications` of `login`. */
  async opened(connection: RtmConnection, auth: Authenticated, payload: LoginPayload): Promise<void> {
    if (payload.push_notifications) await this.state.setPushNotifications(connection.id, { ...payload.push_notifications, enabled: true });
    if (payload.away) await this.setAway(auth.organizationId, auth.requester.id, connection.id, true);
  }

  /**
   * Marks the connection away or back. The last connection going away switches
   * an accepting agent to `not_accepting_chats`; coming back changes no status
   * (the client sets it, as activity detection is its job).
   *
   * @throws ApiError `validation` when the connection is not the agent's own (acting as a bot with `author_id`)
   */
  async setAway(organizationId: string, agentId: string, connectionId: string, away: boolean, requestId?: string): Promise<void> {
    const allAway = await this.state.setAway(connectionId, agentId, away);
    if (allAway === undefined) throw new ApiError('validation', 'author_id: only an agent\'s own connection can be away');
    if (!allAway) return;
    const agent = await this.readModels.agent(organizationId, agentId);
    if (agent?.routing_status !== 'accepting_chats') return;
    await this.commands.agent(organizationId, agentId, { type: 'set_routing_status', id: agentId, status: 'not_accepting_chats' }, { connectionId, requestId });
  }

  setPushNotifications(connectionId: string, settings: PayloadOf<'agent', 'change_push_notifications'>): Promise<void> {
    return this.state.setPushNotifications(connectionId, settings);
  }
}
