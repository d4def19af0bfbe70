import { ActionRegistry, Authenticated, RtmApi, RtmConnection } from '@switchboard/gateway-kit';
import { PayloadOf } from '@switchboard/protocol';
import { groupStatuses, watchGroupStatus } from './group-status/group-status-pushes';
import { CustomerSelfService } from './self-service/customer-self-service';
import { customerState } from './self-service/customer-view';
import { loginState } from './self-service/login-state';

type LoginPayload = PayloadOf<'customer', 'login'>;

/**
 * Customer RTM sessions (ADR 0031): `login` applies what the widget reports
 * (the profile, the page, the side storage it keeps for us), starts or
 * continues the customer's visit and answers the initial state; when the last
 * connection goes, the visit ends.
 */
export class CustomerRtm implements RtmApi {
  readonly api = 'customer' as const;

  constructor(
    readonly registry: ActionRegistry,
    private readonly self: CustomerSelfService,
  ) {}

  async login(connection: RtmConnection, auth: Authenticated, payload: LoginPayload): Promise<unknown> {
    this.self.connections.set(connection.id, connection);
    try {
      return await this.open(connection, auth, payload);
    } catch (error) {
      // A session written half-way is closed by the visit keeper.
      this.self.connections.delete(connection.id);
      throw error;
    }
  }

  private async open(connection: RtmConnection, auth: Authenticated, payload: LoginPayload): Promise<unknown> {
    const { organizationId, requester } = auth;
    const { readModels, commands, visits } = this.self;
    await customerState(readModels, organizationId, requester.id);
    if (payload.customer) {
      const origin = { requesterId: requester.id, connectionId: connection.id };
      await commands.execute(organizationId, { type: 'update_customer', id: requester.id, profile: payload.customer }, origin);
    }
    await visits.arrive(connection, organizationId, requester.id, payload);
    const groups = await groupStatuses(readModels, this.self.db, organizationId);
    const state = await loginState(readModels, organizationId, await customerState(readModels, organizationId, requester.id), payload.group_id, groups);
    watchGroupStatus(connection, state.__priv_dynamic_config.customer_groups.monitoring.id, groups);
    return state;
  }

  async closed(connection: RtmConnection): Promise<void> {
    this.self.connections.delete(connection.id);
    await this.self.visits.left(connection.id);
    this.self.keeper.soon();
  }
}
