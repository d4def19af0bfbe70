import { AgentEvent, Group, legacyLicenseId, OrganizationEvent } from '@switchboard/configuration/domain';
import { InlineProjection, RecordedEvent, SqlExecutor } from '@switchboard/event-store';

async function applyAgentEvent(tx: SqlExecutor, organizationId: string, event: AgentEvent): Promise<void> {
  switch (event.type) {
    case 'agent_created':
      await tx.query(
        `INSERT INTO agents (organization_id, agent_id, profile) VALUES ($1, $2, $3)
         ON CONFLICT (organization_id, agent_id) DO UPDATE
           SET profile = EXCLUDED.profile, deleted = false, suspended = false, routing_status = 'offline', active_chats = 0,
             token_generation = agents.token_generation + 1`,
        [organizationId, event.data.id, JSON.stringify(event.data)],
      );
      return;
    case 'agent_updated': {
      const { id, ...changes } = event.data;
      await tx.query(`UPDATE agents SET profile = profile || $3::jsonb WHERE organization_id = $1 AND agent_id = $2`, [
        organizationId,
        id,
        JSON.stringify(changes),
      ]);
      return;
    }
    case 'agent_deleted':
      await tx.query(
        `UPDATE agents SET deleted = true, routing_status = 'offline' WHERE organization_id = $1 AND agent_id = $2`,
        [organizationId, event.data.id],
      );
      return;
    case 'agent_suspended':
    case 'agent_unsuspended':
      await tx.query(
        `UPDATE agents SET suspended = $3, routing_status = CASE WHEN $3 THEN 'offline' ELSE routing_status END
         WHERE organization_id = $1 AND agent_id = $2`,
        [organizationId, event.data.id, event.type === 'agent_suspended'],
      );
      return;
    case 'agent_approved':
      await tx.query(
        `UPDATE agents SET profile = profile || '{"awaiting_approval": false}'::jsonb WHERE organization_id = $1 AND agent_id = $2`,
        [organizationId, event.data.id],
      );
      return;
    case 'agent_tokens_revoked':
      await tx.query(`UPDATE agents SET token_generation = token_generation + 1 WHERE organization_id = $1 AND agent_id = $2`, [
        organizationId,
        event.data.id,
      ]);
      return;
    case 'routing_status_set':
      await tx.query(`UPDATE agents SET routing_status = $3 WHERE organization_id = $1 AND agent_id = $2`, [
        organizationId,
        event.data.agent_id,
        event.data.status,
      ]);
      return;
  }
}

async function insertGroup(tx: SqlExecutor, organizationId: string, group: Group): Promise<void> {
  await tx.query(
    `INSERT INTO groups (organization_id, group_id, data) VALUES ($1, $2, $3)
     ON CONFLICT (organization_id, group_id) DO UPDATE SET data = EXCLUDED.data`,
    [organizationId, group.id, JSON.stringify(group)],
  );
}

async function applyOrganizationEvent(tx: SqlExecutor, organizationId: string, event: OrganizationEvent): Promise<void> {
  switch (event.type) {
    case 'organization_created':
      await tx.query(`INSERT INTO organizations (organization_id, license_id, name, owner_id) VALUES ($1, $2, $3, $4)`, [
        organizationId,
        event.data.license_id ?? legacyLicenseId(organizationId),
        event.data.name,
        event.data.owner_id,
      ]);
      await insertGroup(tx, organizationId, { id: 0, name: 'General', language_code: 'en', agent_priorities: {} });
      return;
    case 'group_created':
      await insertGroup(tx, organizationId, event.data);
      return;
  }
}

/** Agents (profile, routing status, seats), organizations, groups and customers. */
export const configurationProjection: InlineProjection = {
  name: 'configuration',
  async apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data };
      if (recorded.streamId.startsWith('agent-')) await applyAgentEvent(tx, recorded.organizationId, event as AgentEvent);
      else if (recorded.streamId.startsWith('organization-')) {
        await applyOrganizationEvent(tx, recorded.organizationId, event as OrganizationEvent);
      } else if (recorded.streamId.startsWith('customer-') && recorded.type === 'customer_updated') {
        const { id, ...changes } = recorded.data as { id: string };
        await tx.query('UPDATE customers SET data = data || $3::jsonb WHERE organization_id = $1 AND customer_id = $2', [
          recorded.organizationId,
          id,
          JSON.stringify(changes),
        ]);
      } else if (recorded.streamId.startsWith('customer-') && recorded.type === 'customer_created') {
        const data = recorded.data as { id: string };
        await tx.query(
          `INSERT INTO customers (organization_id, customer_id, data) VALUES ($1, $2, $3)
           ON CONFLICT (organization_id, customer_id) DO NOTHING`,
          [recorded.organizationId, data.id, JSON.stringify(data)],
        );
      }
    }
  },
};
