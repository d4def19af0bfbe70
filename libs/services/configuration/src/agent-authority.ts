import { mayGrantRole, outranks, Role } from '@switchboard/configuration/domain';
import { Requester } from '@switchboard/gateway-kit';
import { ApiError } from '@switchboard/protocol';
import { AgentRecord, ReadModels } from '@switchboard/read-models';

/**
 * Who may take another agent's access into their hands: changing its role,
 * deleting, suspending it, revoking or issuing its tokens. Only a higher rank
 * may (owner > vice owner > administrator > normal); nobody but the owner
 * touches the owner. `what` words the refusal.
 */
export function requireAuthorityOver(requester: Requester, target: AgentRecord, what: string): void {
  if (target.profile.id === requester.id) return;
  const role: Role = requester.role ?? 'normal';
  if (target.profile.role === 'owner') throw new ApiError('authorization', `Only the owner can ${what} the owner`);
  if (!outranks(role, target.profile.role)) {
    throw new ApiError('authorization', `An agent with role ${role} cannot ${what} an agent with role ${target.profile.role}`);
  }
}

/** Only the owner changes anything about the owner. */
export function requireOwnerToChangeOwner(requester: Requester, target: AgentRecord): void {
  if (target.profile.role === 'owner' && target.profile.id !== requester.id) {
    throw new ApiError('authorization', 'Only the owner can change the owner');
  }
}

/** Nobody gives a role above their own. */
export function requireMayGrant(requester: Requester, role: Role): void {
  if (role === 'owner') throw new ApiError('validation', 'role: the owner role cannot be given');
  if (!mayGrantRole(requester.role ?? 'normal', role)) {
    throw new ApiError('authorization', `An agent with role ${requester.role ?? 'normal'} cannot give the role ${role}`);
  }
}

/** The agent, or `not_found` (a bot too). */
export async function existingAgent(readModels: ReadModels, organizationId: string, agentId: string): Promise<AgentRecord> {
  const agent = await readModels.agent(organizationId, agentId);
  // Bots are not agents to the agent methods (get_agent: "bots cannot be fetched with it").
  if (!agent || agent.owner_client_id) throw new ApiError('not_found', `Agent ${agentId} not found`);
  return agent;
}

/**
 * The agent an account endpoint (`/auth/…`) acts on: the caller itself, or —
 * owners and administrators — an agent of a lower role. `what` words the refusal.
 */
export async function accountTarget(readModels: ReadModels, requester: Requester, organizationId: string, agentId: string, what: string): Promise<AgentRecord> {
  if (agentId !== requester.id && !requester.scopes.includes('accounts--all:rw')) {
    throw new ApiError('authorization', `Only an owner or administrator can ${what} other agents`);
  }
  const target = await existingAgent(readModels, organizationId, agentId);
  requireAuthorityOver(requester, target, what);
  return target;
}
