import { Role } from '@switchboard/configuration/domain';

/** Scopes of an agent token, by role (README §3.5). Owners and admins manage the organization. */
const NORMAL = [
  'chats--access:rw',
  'customers:rw',
  'customers.ban:rw',
  'multicast:rw',
  'agents--my:rw',
  'agents--all:ro',
  'agents-bot--all:ro',
  'groups--all:ro',
  'access_rules:ro',
  'properties.license.value--all:ro',
  'properties.group.value--all:ro',
];
const ADMIN = [
  ...NORMAL,
  'chats--all:rw',
  'agents--all:rw',
  'agents-bot--all:rw',
  'agents-bot--my:rw',
  'accounts--all:rc',
  'accounts--all:rw',
  'accounts--my:rw',
  'accounts.roles.lc--all:rw',
  'groups--all:rw',
  'access_rules:rw',
  'properties.configuration:rw',
  'properties.license.value--all:rw',
  'properties.group.value--all:rw',
  'webhooks.configuration:rw',
  'webhooks.state:rw',
];

/** Owners also hold the account's subscription: approving agents, and creating them approved (ADR 0020). */
const OWNER = [...ADMIN, 'subscription.lc:rw'];

export function scopesForRole(role: Role): string[] {
  if (role === 'owner') return OWNER;
  return role === 'normal' ? NORMAL : ADMIN;
}

/**
 * Does a token with `granted` scopes hold `required`? `rw` includes `ro`
 * (and `rc`); `all` includes `access` and `my` (README §3.5).
 */
export function hasScope(granted: readonly string[], required: string): boolean {
  const [family, access] = required.split(':');
  const [base, reach] = family.split('--');
  const reaches = reach === 'my' ? ['my', 'access', 'all'] : reach === 'access' ? ['access', 'all'] : [reach];
  const accesses = access === 'ro' ? ['ro', 'rw'] : access === 'rc' ? ['rc', 'rw'] : [access];
  return reaches.some((r) => accesses.some((a) => granted.includes(`${r ? `${base}--${r}` : base}:${a}`)));
}
