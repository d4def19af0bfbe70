import { ConfigurationRuleError } from './agent';

/**
 * Auto access rules of an organization (configuration-api.md §2): an ordered
 * list, stream `auto_access-<organization id>`. Each rule presets the access
 * of a customer's new thread; here they are only kept in order (ADR 0019).
 */

/** One value a URL or domain is compared with; `exact_match: false` (the default) is a substring match. */
export interface AutoAccessMatch {
  value: string;
  exact_match?: boolean;
}

/** `values` or `exclude_values`, never both. */
export type AutoAccessMatchCondition = { values: AutoAccessMatch[] } | { exclude_values: AutoAccessMatch[] };

/** An entry matches when all its given fields match. */
export interface AutoAccessLocation {
  country?: string;
  country_code?: string;
  region?: string;
  city?: string;
}

/** At least one of `url`, `domain`, `geolocation`. */
export interface AutoAccessConditions {
  url?: AutoAccessMatchCondition;
  domain?: AutoAccessMatchCondition;
  geolocation?: { values: AutoAccessLocation[] };
}

/** A rule without its place in the list. */
export interface AutoAccess {
  id: string;
  description?: string;
  access: { groups: number[] };
  conditions: AutoAccessConditions;
}

/** What `update_auto_access` may change; `next_id: ""` moves the rule to the end. */
export type AutoAccessChanges = Partial<Omit<AutoAccess, 'id'>> & { next_id?: string };

/**
 * The events' data are the pushes' payloads (agent-chat-api.md): the whole
 * rule with `next_id` (absent for the last rule), only what changed, or the id.
 */
export type AutoAccessEvent =
  | { type: 'auto_access_added'; data: AutoAccess & { next_id?: string } }
  | { type: 'auto_access_updated'; data: AutoAccessChanges & { id: string } }
  | { type: 'auto_access_deleted'; data: { id: string } };

/** The rules in list order: the first matching rule wins. */
export interface AutoAccessState {
  rules: AutoAccess[];
}

/** Rules an organization may have (the spec names `limit_reached` without a number; ADR 0019). */
export const MAX_AUTO_ACCESSES = 100;

export type AutoAccessCommand =
  | {
      type: 'add_auto_access';
      /** Chosen by the caller (32 hex digits, as LiveChat's). */
      id: string;
      description?: string;
      access: { groups: number[] };
      conditions: AutoAccessConditions;
      /** Insert before this rule; absent or `""`: at the end. */
      next_id?: string;
      /** The organization's groups now: a rule names only existing ones. */
      group_ids: readonly number[];
    }
  | { type: 'update_auto_access'; id: string; changes: AutoAccessChanges; group_ids: readonly number[] }
  | { type: 'delete_auto_access'; id: string };

/** The rules with `rule` placed before `nextId` (at the end when empty or absent). */
function placeBefore(rules: readonly AutoAccess[], rule: AutoAccess, nextId: string | undefined): AutoAccess[] {
  const others = rules.filter((r) => r.id !== rule.id);
  const at = nextId ? others.findIndex((r) => r.id === nextId) : -1;
  return at < 0 ? [...others, rule] : [...others.slice(0, at), rule, ...others.slice(at)];
}

export function evolveAutoAccess(state: AutoAccessState | undefined, event: AutoAccessEvent): AutoAccessState {
  const rules = state?.rules ?? [];
  switch (event.type) {
    case 'auto_access_added': {
      const { next_id, ...rule } = event.data;
      return { rules: placeBefore(rules, rule, next_id) };
    }
    case 'auto_access_updated': {
      const { id, next_id, ...changes } = event.data;
      const current = rules.find((r) => r.id === id);
      if (!current) return { rules };
      const updated = { ...current, ...changes };
      const replaced = rules.map((r) => (r.id === id ? updated : r));
      return { rules: next_id === undefined ? replaced : placeBefore(replaced, updated, next_id) };
    }
    case 'auto_access_deleted':
      return { rules: rules.filter((r) => r.id !== event.data.id) };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export function decideAutoAccess(state: AutoAccessState | undefined, command: AutoAccessCommand): AutoAccessEvent[] {
  const rules = state?.rules ?? [];
  switch (command.type) {
    case 'add_auto_access':
      return addAutoAccess(rules, command);
    case 'update_auto_access':
      return updateAutoAccess(rules, command);
    case 'delete_auto_access':
      existingRule(rules, command.id);
      return [{ type: 'auto_access_deleted', data: { id: command.id } }];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

/** The id of the rule after `id`; `""` for the last. */
export function nextIdOf(rules: readonly AutoAccess[], id: string): string {
  const at = rules.findIndex((r) => r.id === id);
  return rules[at + 1]?.id ?? '';
}

function existingRule(rules: readonly AutoAccess[], id: string): AutoAccess {
  const rule = rules.find((r) => r.id === id);
  if (!rule) throw new ConfigurationRuleError('not_found', `Auto access ${id} not found`);
  return rule;
}

function requireNextRule(rules: readonly AutoAccess[], nextId: string | undefined): void {
  if (nextId && !rules.some((r) => r.id === nextId)) throw new ConfigurationRuleError('not_found', `next_id: auto access ${nextId} not found`);
}

function requireGroups(access: { groups: number[] }, groupIds: readonly number[]): void {
  if (access.groups.length === 0) throw new ConfigurationRuleError('validation', 'access.groups: must not be empty');
  const unknown = access.groups.find((g) => !groupIds.includes(g));
  if (unknown !== undefined) throw new ConfigurationRuleError('group_not_found', `access.groups: group ${unknown} not found`);
}

function addAutoAccess(rules: readonly AutoAccess[], command: Extract<AutoAccessCommand, { type: 'add_auto_access' }>): AutoAccessEvent[] {
  if (rules.length >= MAX_AUTO_ACCESSES) {
    throw new ConfigurationRuleError('limit_reached', `An organization has at most ${MAX_AUTO_ACCESSES} auto access rules`);
  }
  if (rules.some((r) => r.id === command.id)) throw new ConfigurationRuleError('already_exists', `Auto access ${command.id} already exists`);
  requireGroups(command.access, command.group_ids);
  requireNextRule(rules, command.next_id);
  const data = {
    id: command.id,
    ...(command.description !== undefined && { description: command.description }),
    access: command.access,
    conditions: command.conditions,
    ...(command.next_id && { next_id: command.next_id }),
  };
  return [{ type: 'auto_access_added', data }];
}

/** Records only what differs (the place included); nothing differs, nothing is recorded. */
function updateAutoAccess(rules: readonly AutoAccess[], command: Extract<AutoAccessCommand, { type: 'update_auto_access' }>): AutoAccessEvent[] {
  const rule = existingRule(rules, command.id);
  const { next_id: nextId, ...fields } = command.changes;
  if (fields.access !== undefined) requireGroups(fields.access, command.group_ids);
  if (nextId === command.id) throw new ConfigurationRuleError('validation', 'next_id: a rule cannot be placed before itself');
  requireNextRule(rules, nextId);
  const changed: AutoAccessChanges = Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => value !== undefined && !sameValue(rule[key as keyof AutoAccess], value)),
  );
  if (nextId !== undefined && nextId !== nextIdOf(rules, rule.id)) changed.next_id = nextId;
  return Object.keys(changed).length === 0 ? [] : [{ type: 'auto_access_updated', data: { id: rule.id, ...changed } }];
}

/** Equal values, whatever the order of an object's keys (arrays keep their order). */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = Object.entries(a).sort(([x], [y]) => x.localeCompare(y));
  const right = Object.entries(b).sort(([x], [y]) => x.localeCompare(y));
  return left.length === right.length && left.every(([key, value], i) => key === right[i][0] && sameValue(value, right[i][1]));
}

export const foldAutoAccess = (events: readonly AutoAccessEvent[]): AutoAccessState | undefined =>
  events.reduce<AutoAccessState | undefined>(evolveAutoAccess, undefined);
