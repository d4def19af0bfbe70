import { agentCustomerView, customerGroupIds } from '@switchboard/customer/application';
import { SqlExecutor } from '@switchboard/event-store';
import { hasScope } from '@switchboard/auth';
import { Authenticated, RtmConnection } from '@switchboard/gateway-kit';
import { CustomerRecords, ReadModels } from '@switchboard/read-models';
import { MonitoringLevel, monitors, sharesGroup } from './customer-audience';

/** `incoming_customers` lists at most this many customers, newest first (ADR 0030). */
export const INCOMING_CUSTOMERS_MAX = 500;

/**
 * An agent's customer monitoring level at `login` (agent-chat-api §8): the
 * level asked for, else the one the agent has (`my` for its first session),
 * then `incoming_customers` with the customers it monitors — sent right after
 * the login response (pushes are held until then).
 */
export class CustomerMonitoring {
  private readonly records: CustomerRecords;

  constructor(db: SqlExecutor, private readonly readModels: ReadModels) {
    this.records = new CustomerRecords(db);
  }

  async loggedIn(connection: RtmConnection, auth: Authenticated, payload: { customer_monitoring_level?: MonitoringLevel }, firstSession: boolean): Promise<void> {
    const { organizationId, requester } = auth;
    const level = (await this.records.chooseMonitoringLevel(organizationId, requester.id, payload.customer_monitoring_level, firstSession)) as MonitoringLevel;
    if (!hasScope(requester.scopes, 'customers:ro')) return;
    const [agent, candidates] = await Promise.all([
      this.readModels.agent(organizationId, requester.id),
      this.records.monitoringCandidates(organizationId, requester.id, INCOMING_CUSTOMERS_MAX),
    ]);
    const agentGroups = agent?.profile.groups.map((g) => g.id) ?? [];
    const customers: Array<Record<string, unknown>> = [];
    for (const { member, ...record } of candidates) {
      const relation = {
        member,
        follower: record.data.followers.includes(requester.id),
        inGroups: sharesGroup(agentGroups, customerGroupIds(record)),
      };
      if (monitors(level, relation, record)) customers.push(agentCustomerView(record, requester.id));
    }
    connection.push('incoming_customers', { customer_monitoring_level: level, customers });
  }
}
