import { ConfigurationCommands, newAgentProfile } from '@switchboard/configuration/application';
import { AgentProfile, Role } from '@switchboard/configuration/domain';
import { ActionRegistry, commandOrigin, holdsScope, RequestContext, requireScope } from '@switchboard/gateway-kit';
import { ApiError, PayloadOf } from '@switchboard/protocol';
import { Mailer } from '@switchboard/platform';
import { AgentRecord, ReadModels } from '@switchboard/read-models';
import { existingAgent, requireAuthorityOver, requireMayGrant, requireOwnerToChangeOwner } from './agent-authority';

const ALWAYS = ['id', 'name', 'avatar', 'role', 'login_status'] as const;

/** The agent as `get_agent` / `list_agents` return it: the basics plus the requested `fields`. */
function wireAgent(record: AgentRecord, fields: readonly string[] = []): Record<string, unknown> {
  const profile = record.profile as unknown as Record<string, unknown>;
  const wire: Record<string, unknown> = {};
  for (const key of [...ALWAYS, ...fields]) {
    if (key === 'suspended') wire.suspended = record.suspended;
    else if (profile[key] !== undefined) wire[key] = profile[key];
  }
  return wire;
}

/** Self needs the `--my` scope, anyone else the `--all` one. */
function requireAgentScope(context: RequestContext, agentId: string, access: 'ro' | 'rw'): void {
  if (agentId === context.requester.id) requireScope(context, `agents--my:${access}`);
  else requireScope(context, `agents--all:${access}`);
}

export function registerAgentHandlers(registry: ActionRegistry, commands: ConfigurationCommands, readModels: ReadModels, mailer: Mailer): void {
  registry.register('create_agent', async (context, payload: PayloadOf<'configuration', 'create_agent'>) => {
    requireScope(context, 'accounts--all:rc');
    if (payload.role && payload.role !== 'normal') {
      requireScope(context, 'accounts.roles.lc--all:rw');
      requireMayGrant(context.requester, payload.role);
    }
    // Only the subscription's holder (the owner) creates agents approved; anyone else's await approval (ADR 0020).
    const mayApprove = holdsScope(context, 'subscription.lc:rw');
    if (payload.awaiting_approval === false && !mayApprove) {
      throw new ApiError('authorization', 'awaiting_approval false needs the subscription.lc:rw scope');
    }
    await commands.agent(context.organizationId, payload.id, {
      type: 'create_agent',
      profile: newAgentProfile({
        ...(payload as Partial<AgentProfile> & { id: string; name: string }),
        awaiting_approval: mayApprove ? (payload.awaiting_approval ?? false) : true,
      }),
    }, commandOrigin(context));
    return { id: payload.id };
  });

  registry.register('get_agent', async (context, payload: PayloadOf<'configuration', 'get_agent'>) => {
    requireAgentScope(context, payload.id, 'ro');
    return wireAgent(await existingAgent(readModels, context.organizationId, payload.id), payload.fields);
  });

  registry.register('list_agents', async (context, payload: PayloadOf<'configuration', 'list_agents'>) => {
    requireScope(context, 'agents--all:ro');
    const agents = await readModels.agents(context.organizationId, { groupIds: payload.filters?.group_ids });
    return agents.filter((a) => !a.owner_client_id).map((a) => wireAgent(a, payload.fields));
  });

  registry.register('update_agent', async (context, payload: PayloadOf<'configuration', 'update_agent'>) => {
    requireAgentScope(context, payload.id, 'rw');
    const { id, ...changes } = payload as Record<string, unknown> & { id: string };
    const target = await existingAgent(readModels, context.organizationId, id);
    requireOwnerToChangeOwner(context.requester, target);
    if (changes.role !== undefined && changes.role !== target.profile.role) {
      requireScope(context, 'accounts.roles.lc--all:rw');
      if (target.profile.role === 'owner') throw new ApiError('validation', 'role: the owner keeps the owner role');
      requireAuthorityOver(context.requester, target, 'change the role of');
      requireMayGrant(context.requester, changes.role as Role);
    }
    await commands.agent(context.organizationId, id, { type: 'update_agent', id, changes }, commandOrigin(context));
    return {};
  });

  registry.register('delete_agent', async (context, payload: PayloadOf<'configuration', 'delete_agent'>) => {
    requireScope(context, payload.id === context.requester.id ? 'accounts--my:rw' : 'accounts--all:rw');
    requireAgentScope(context, payload.id, 'rw');
    requireAuthorityOver(context.requester, await existingAgent(readModels, context.organizationId, payload.id), 'delete');
    await commands.agent(context.organizationId, payload.id, { type: 'delete_agent', id: payload.id }, commandOrigin(context));
    return {};
  });

  registry.register('suspend_agent', async (context, payload: PayloadOf<'configuration', 'suspend_agent'>) => {
    requireScope(context, 'agents--all:rw');
    const target = await existingAgent(readModels, context.organizationId, payload.id);
    if (target.profile.id === context.requester.id) throw new ApiError('validation', 'id: an agent cannot suspend itself');
    requireAuthorityOver(context.requester, target, 'suspend');
    await commands.agent(context.organizationId, payload.id, { type: 'suspend_agent', id: payload.id }, commandOrigin(context));
    return {};
  });

  registry.register('unsuspend_agent', async (context, payload: PayloadOf<'configuration', 'unsuspend_agent'>) => {
    requireScope(context, 'agents--all:rw');
    requireScope(context, 'accounts--all:rw');
    requireAuthorityOver(context.requester, await existingAgent(readModels, context.organizationId, payload.id), 'unsuspend');
    await commands.agent(context.organizationId, payload.id, { type: 'unsuspend_agent', id: payload.id }, commandOrigin(context));
    return {};
  });

  registry.register('approve_agent', async (context, payload: PayloadOf<'configuration', 'approve_agent'>) => {
    requireScope(context, 'agents--all:rw');
    requireScope(context, 'accounts--all:rw');
    requireScope(context, 'subscription.lc:rw');
    await existingAgent(readModels, context.organizationId, payload.id);
    await commands.agent(context.organizationId, payload.id, { type: 'approve_agent', id: payload.id }, commandOrigin(context));
    return {};
  });

  // The one call a suspended agent may make (the authenticator lets it through): its owners get an e-mail.
  registry.register('request_agent_unsuspension', async (context) => {
    const agent = await existingAgent(readModels, context.organizationId, context.requester.id);
    if (!agent.suspended) throw new ApiError('validation', 'The requester is not suspended');
    const [organization, agents] = await Promise.all([readModels.organization(context.organizationId), readModels.agents(context.organizationId)]);
    const owners = agents.filter((a) => a.profile.role === 'owner' && !a.suspended).map((a) => a.profile.id);
    const name = `${agent.profile.name} (${agent.profile.id})`.replace(/[\r\n]+/g, ' ');
    await mailer
      .send({
        organizationId: context.organizationId,
        to: owners,
        subject: `${name} asks to be unsuspended`,
        text: `${name} is suspended in ${organization?.name ?? context.organizationId} and asks to be unsuspended.\n\nTo let them back in, call unsuspend_agent with id "${agent.profile.id}", or leave them suspended.\n`,
      })
      .catch(() => {
        throw new ApiError('service_unavailable', 'The e-mail to the owners could not be sent; try again later');
      });
    return {};
  });
}
