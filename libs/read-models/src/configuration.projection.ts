import { AgentEvent, Group, legacyLicenseId, OrganizationEvent } from '@switchboard/configuration/domain';
import { InlineProjection, RecordedEvent, SqlExecutor } from '@switchboard/event-store';
import { applyPropertyEvent, forgetGroupProperties, isPropertyStream } from './properties.projection';

/** An agent's or a bot's changed settings, merged into its profile. */
export async function mergeProfile(tx: SqlExecutor, organizationId: string, agentId: string, changes: object): Promise<void> {
  await tx.query('UPDATE agents SET profile = profile || $3::jsonb WHERE organization_id = $1 AND agent_id = $2', [
    organizationId,
    agentId,
    JSON.stringify(changes),
  ]);
}

/** A deleted agent or bot: kept (its name still shows in old chats), offline, out of routing. */
export async function markDeleted(tx: SqlExecutor, organizationId: string, agentId: string): Promise<void> {
  await tx.query(`UPDATE agents SET deleted = true, routing_status = 'offline' WHERE organization_id = $1 AND agent_id = $2`, [organizationId, agentId]);
}

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
      await forgetPersonalAccessTokens(tx, organizationId, event.data.id);
      return;
    case 'agent_updated': {
      const { id, ...changes } = event.data;
      await mergeProfile(tx, organizationId, id, changes);
      return;
    }
    case 'agent_deleted':
      await markDeleted(tx, organizationId, event.data.id);
      await forgetPersonalAccessTokens(tx, organizationId, event.data.id);
      return;
    case 'personal_access_token_created':
      await tx.query(
        `INSERT INTO personal_access_tokens (hash, token_id, organization_id, agent_id, name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (hash) DO NOTHING`,
        [event.data.hash, event.data.id, organizationId, event.data.agent_id, event.data.name, event.data.created_at],
      );
      return;
    case 'personal_access_token_revoked':
      await tx.query('DELETE FROM personal_access_tokens WHERE organization_id = $1 AND agent_id = $2 AND token_id = $3', [
        organizationId,
        event.data.agent_id,
        event.data.id,
      ]);
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

async function forgetPersonalAccessTokens(tx: SqlExecutor, organizationId: string, agentId: string): Promise<void> {
  await tx.query('DELETE FROM personal_access_tokens WHERE organization_id = $1 AND agent_id = $2', [organizationId, agentId]);
}

async function insertGroup(tx: SqlExecutor, organizationId: string, group: Group): Promise<void> {
  await tx.query(
    `INSERT INTO groups (organization_id, group_id, data) VALUES ($1, $2, $3)
     ON CONFLICT (organization_id, group_id) DO UPDATE SET data = EXCLUDED.data`,
    [organizationId, group.id, JSON.stringify(group)],
  );
}

/**
 * The agents' own `groups` follow the groups' members: each agent named in
 * `agentPriorities` is in group `groupId` with that priority, every other
 * agent is not (ADR 0018). Agents of the organization only; unknown ids are skipped.
 */
async function setGroupMembers(tx: SqlExecutor, organizationId: string, groupId: number, agentPriorities: Record<string, string>): Promise<void> {
  await tx.query(
    `UPDATE agents SET profile = jsonb_set(profile, '{groups}',
       COALESCE((SELECT jsonb_agg(g) FROM jsonb_array_elements(
         CASE WHEN jsonb_typeof(profile->'groups') = 'array' THEN profile->'groups' ELSE '[]'::jsonb END) g
         WHERE g->'id' IS DISTINCT FROM to_jsonb($2::int)), '[]'::jsonb)
       || CASE WHEN $3::jsonb ? agent_id
            THEN jsonb_build_array(jsonb_build_object('id', $2::int, 'priority', $3::jsonb->>agent_id)) ELSE '[]'::jsonb END)
     WHERE organization_id = $1
       AND ($3::jsonb ? agent_id OR (jsonb_typeof(profile->'groups') = 'array' AND profile->'groups' @> jsonb_build_array(jsonb_build_object('id', $2::int))))`,
    [organizationId, groupId, JSON.stringify(agentPriorities)],
  );
}

/**
 * A deleted group leaves its members' `groups`, and the access of chats that
 * named it; a chat left with no group is open to group 0, every agent (ADR 0018).
 */
async function forgetGroup(tx: SqlExecutor, organizationId: string, groupId: number): Promise<void> {
  await tx.query('DELETE FROM groups WHERE organization_id = $1 AND group_id = $2', [organizationId, groupId]);
  await setGroupMembers(tx, organizationId, groupId, {});
  await tx.query(
    `UPDATE chats SET access_group_ids = remaining.ids,
       state = jsonb_set(state, '{access,group_ids}', to_jsonb(remaining.ids))
     FROM (SELECT chat_id, COALESCE(NULLIF(array_remove(access_group_ids, $2::int), '{}'), '{0}') AS ids
           FROM chats WHERE organization_id = $1 AND $2::int = ANY(access_group_ids)) AS remaining
     WHERE chats.organization_id = $1 AND chats.chat_id = remaining.chat_id`,
    [organizationId, groupId],
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
      await setGroupMembers(tx, organizationId, event.data.id, event.data.agent_priorities);
      return;
    case 'group_updated': {
      const { id, ...changes } = event.data;
      await tx.query('UPDATE groups SET data = data || $3::jsonb WHERE organization_id = $1 AND group_id = $2', [
        organizationId,
        id,
        JSON.stringify(changes),
      ]);
      if (changes.agent_priorities) await setGroupMembers(tx, organizationId, id, changes.agent_priorities);
      return;
    }
    case 'group_deleted':
      await forgetGroup(tx, organizationId, event.data.id);
      await forgetGroupProperties(tx, organizationId, event.data.id);
      return;
    case 'application_created':
      await tx.query(
        `INSERT INTO applications (client_id, organization_id, name, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (client_id) DO NOTHING`,
        [event.data.client_id, organizationId, event.data.name, event.data.created_at],
      );
      return;
  }
}

/** Agents (profile, routing status, seats), organizations and groups. */
export const configurationProjection: InlineProjection = {
  name: 'configuration',
  async apply(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data };
      if (recorded.streamId.startsWith('agent-')) await applyAgentEvent(tx, recorded.organizationId, event as AgentEvent);
      else if (recorded.streamId.startsWith('organization-')) {
        await applyOrganizationEvent(tx, recorded.organizationId, event as OrganizationEvent);
      } else if (isPropertyStream(recorded.streamId)) {
        await applyPropertyEvent(tx, recorded);
      }
    }
  },
};
