import { ChatQueries } from '@switchboard/chat/application';
import { ConfigurationCommands } from '@switchboard/configuration/application';
import { RoutingStatus } from '@switchboard/configuration/domain';
import { EventStore } from '@switchboard/event-store';
import { ActionRegistry, Authenticated, RtmApi, RtmConnection } from '@switchboard/gateway-kit';
import { ApiError } from '@switchboard/protocol';
import { AgentSessions, ReadModels } from '@switchboard/read-models';
import { AgentSession } from './agent-session';
import { CustomerMonitoring } from './customer-monitoring';
import type { MonitoringLevel } from './customer-audience';

interface LoginPayload {
  reconnect?: boolean;
  away?: boolean;
  pushes?: Record<string, string[]>;
  push_notifications?: { platform: 'ios' | 'android'; firebase_token?: string };
  customer_monitoring_level?: MonitoringLevel;
}

/** The status an agent had before going offline, for `login.reconnect`. */
async function lastOnlineStatus(store: EventStore, organizationId: string, agentId: string): Promise<RoutingStatus | undefined> {
  const { events } = await store.readStream(`agent-${agentId}`, { organizationId });
  for (let i = events.length - 1; i >= 0; i--) {
    const status = (events[i].data as { status?: RoutingStatus }).status;
    if (events[i].type === 'routing_status_set' && status && status !== 'offline') return status;
  }
  return undefined;
}

/**
 * Agent RTM sessions: `login` answers the initial state and brings the agent
 * online (its configured `login_status`, or its last status with
 * `reconnect`); when its last connection closes it goes offline.
 */
export class AgentRtm implements RtmApi {
  readonly api = 'agent' as const;
  /** Connections of this process that are logged in or logging in: the presence keeper drops any other session of it. */
  readonly liveConnections = new Set<string>();

  constructor(
    readonly registry: ActionRegistry,
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly sessions: AgentSessions,
    private readonly commands: ConfigurationCommands,
    private readonly queries: ChatQueries,
    private readonly connectionLimit: { perAgent: number; enabled: boolean; evict: (connectionIds: string[]) => void },
    private readonly session?: AgentSession,
    private readonly customers?: CustomerMonitoring,
  ) {}

  async login(connection: RtmConnection, auth: Authenticated, payload: LoginPayload): Promise<unknown> {
    this.liveConnections.add(connection.id);
    try {
      return await this.open(connection, auth, payload);
    } catch (error) {
      // Whatever was written for it (a session, a status) is undone by the presence keeper.
      this.liveConnections.delete(connection.id);
      throw error;
    }
  }

  private async open(connection: RtmConnection, auth: Authenticated, payload: LoginPayload): Promise<unknown> {
    const { organizationId, requester } = auth;
    this.session?.subscribe(connection, payload);
    const agent = await this.readModels.agent(organizationId, requester.id);
    if (!agent) throw new ApiError('authentication', 'Agent not found');
    await this.sessions.open(organizationId, requester.id, connection.id);
    await this.session?.opened(connection, auth, payload);
    await this.customers?.loggedIn(connection, auth, payload, (await this.sessions.others(organizationId, requester.id, connection.id)) === 0);
    if (this.connectionLimit.enabled) {
      // Over the agent's limit: its oldest connections go, wherever they are.
      this.connectionLimit.evict(await this.sessions.evictBeyond(organizationId, requester.id, this.connectionLimit.perAgent));
    }
    let status = agent.routing_status;
    if (status === 'offline') {
      const configured: RoutingStatus = agent.profile.login_status === 'accepting chats' ? 'accepting_chats' : 'not_accepting_chats';
      status = payload.away ? 'not_accepting_chats' : payload.reconnect ? ((await lastOnlineStatus(this.store, organizationId, requester.id)) ?? configured) : configured;
      // The login's own doing: the application it logs in with caused it (the last connection closing is Switchboard's).
      const origin = { requesterId: requester.id, ...(requester.clientId && { clientId: requester.clientId }) };
      await this.commands.agent(organizationId, requester.id, { type: 'set_routing_status', id: requester.id, status }, origin);
    }
    const [organization, chats] = await Promise.all([
      this.readModels.organization(organizationId),
      this.queries.listChats(organizationId, { filters: { include_active: true }, limit: 100 }, { type: 'agent', id: requester.id, allChats: false }, 100),
    ]);
    return {
      license: {
        // LiveChat clients (the official SDK among them) expect the numeric license id here, as a string.
        id: organization ? String(organization.license_id) : organizationId,
        organization_id: organizationId,
        plan: 'enterprise',
        expiration_timestamp: auth.claims.exp,
        creation_timestamp: auth.claims.iat,
        in_trial: false,
        ...(organization && { name: organization.name }),
      },
      my_profile: {
        id: requester.id,
        type: 'agent',
        name: agent.profile.name,
        email: requester.id,
        present: true,
        ...(agent.profile.avatar && { avatar: agent.profile.avatar }),
        routing_status: status,
        permission: agent.profile.role,
      },
      chats_summary: (chats.chats_summary as Array<{ users: Array<{ id: string; present: boolean }> }>).filter((c) =>
        c.users.some((u) => u.id === requester.id && u.present),
      ),
    };
  }

  /**
   * The session row goes last: if a step fails (a database outage), the row of a
   * connection this process no longer holds is left, and the presence keeper
   * finishes the job once the database is back.
   */
  async closed(connection: RtmConnection): Promise<void> {
    const { organizationId, requester } = connection.session!;
    this.liveConnections.delete(connection.id);
    if ((await this.sessions.others(organizationId, requester.id, connection.id)) === 0) {
      await this.commands.agent(organizationId, requester.id, { type: 'set_routing_status', id: requester.id, status: 'offline' });
    }
    await this.sessions.close(organizationId, requester.id, connection.id);
  }
}
