import { Role } from './agent';

/** Higher ranks manage lower ones: owner > vice owner > administrator > normal agent. */
const RANK: Record<Role, number> = { owner: 4, viceowner: 3, administrator: 2, normal: 1 };

/** The roles of an organization, highest first. */
export const ROLES: readonly Role[] = ['owner', 'viceowner', 'administrator', 'normal'];

/**
 * May an agent of role `requester` change the role of, delete, suspend or
 * revoke the tokens of an agent of role `target` (or issue tokens for it)?
 * Only a higher rank may; nobody but the owner touches the owner, and the
 * owner manages everyone else.
 */
export function outranks(requester: Role, target: Role): boolean {
  return RANK[requester] > RANK[target];
}

/** May an agent of role `requester` give the role `role` (to a new or an existing agent)? Never above its own. */
export function mayGrantRole(requester: Role, role: Role): boolean {
  return role !== 'owner' && RANK[requester] >= RANK[role];
}
