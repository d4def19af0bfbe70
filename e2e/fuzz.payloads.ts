/**
 * The fuzz suite's payloads, made by program: a table of mutators applied to
 * a valid base payload per action (where one is known) plus generic malformed
 * bodies. Every payload is raw JSON text (or not JSON at all), so values no
 * JSON.stringify can make — 5,000 levels deep, 1e400, lone surrogates — go on
 * the wire as a hostile client would send them.
 */
import { METHOD_CATALOG, MethodInfo } from '@switchboard/protocol';

/** Ids of the fuzzed organization that base payloads refer to. */
export interface FuzzContext {
  chatId: string;
  threadId: string;
  eventId: string;
  customerId: string;
  /** An agent the fuzz may change or delete (never the owner it acts as). */
  victimId: string;
  /** A customer of its own for `ban_customer`: a ban of the fuzzing customer would end the rest of the run. */
  bannedCustomerId: string;
  organizationId: string;
}

export interface FuzzPayload {
  /** What the mutator did, for the failure report. */
  name: string;
  /** Raw request body. */
  body: string;
  /** The body is JSON (can be an RTM frame's payload). */
  json: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A valid payload per action, as the spec shows them (`api/action`). Actions missing here start from `{}`. */
export function basePayloads(c: FuzzContext): Record<string, Record<string, Json>> {
  const message = { type: 'message', text: 'hello' };
  const chatProps = { properties: { routing: { pinned: true } } };
  return {
    'agent/list_chats': { filters: { include_active: true, group_ids: [0] }, limit: 10, sort_order: 'desc' },
    'agent/list_threads': { chat_id: c.chatId, limit: 3, sort_order: 'desc', filters: { from: '2020-01-01T00:00:00Z' } },
    'agent/get_chat': { chat_id: c.chatId, thread_id: c.threadId },
    'agent/list_archives': { filters: { query: 'hello', group_ids: [0] }, limit: 10 },
    'agent/start_chat': { chat: { ...chatProps, access: { group_ids: [0] }, thread: { events: [message] } }, active: true },
    'agent/resume_chat': { chat: { id: c.chatId, thread: { events: [message] } } },
    'agent/deactivate_chat': { id: c.chatId },
    'agent/follow_chat': { id: c.chatId },
    'agent/unfollow_chat': { id: c.chatId },
    'agent/transfer_chat': { id: c.chatId, target: { type: 'group', ids: [0] } },
    'agent/add_user_to_chat': { chat_id: c.chatId, user_id: c.victimId, user_type: 'agent', visibility: 'all' },
    'agent/remove_user_from_chat': { chat_id: c.chatId, user_id: c.victimId, user_type: 'agent' },
    'agent/send_event': { chat_id: c.chatId, event: { ...message, custom_id: 'c1', properties: { a: { b: 1 } } } },
    'agent/send_rich_message_postback': { chat_id: c.chatId, thread_id: c.threadId, event_id: c.eventId, postback: { id: 'p', toggled: true } },
    'agent/update_chat_properties': { id: c.chatId, ...chatProps },
    'agent/delete_chat_properties': { id: c.chatId, properties: { routing: ['pinned'] } },
    'agent/update_thread_properties': { chat_id: c.chatId, thread_id: c.threadId, ...chatProps },
    'agent/update_event_properties': { chat_id: c.chatId, thread_id: c.threadId, event_id: c.eventId, ...chatProps },
    'agent/tag_thread': { chat_id: c.chatId, thread_id: c.threadId, tag: 'sales' },
    'agent/get_customer': { id: c.customerId },
    'agent/list_customers': { filters: { chats_count: { gte: 1 } }, limit: 10 },
    'agent/create_customer': { name: 'Ann', email: 'ann@example.com', session_fields: [{ key: 'value' }] },
    'agent/update_customer': { id: c.customerId, name: 'Ann' },
    'agent/ban_customer': { id: c.bannedCustomerId, ban: { days: 1 } },
    'agent/follow_customer': { id: c.customerId },
    'agent/login': { token: 'Bearer dal:x.y', timezone: 'Europe/Warsaw', reconnect: false, away: false, pushes: { '3.4': ['all'] } },
    'agent/set_routing_status': { status: 'accepting_chats' },
    'agent/set_away_status': { away: true },
    'agent/list_routing_statuses': { filters: { group_ids: [0] } },
    'agent/mark_events_as_seen': { chat_id: c.chatId, seen_up_to: '2030-01-01T00:00:00.000000Z' },
    'agent/send_typing_indicator': { chat_id: c.chatId, is_typing: true },
    'agent/multicast': { recipients: { agents: { all: true } }, content: { hello: 'world' } },
    'agent/list_agents_for_transfer': { chat_id: c.chatId },
    'customer/list_chats': { limit: 10, sort_order: 'asc' },
    'customer/list_threads': { chat_id: c.chatId, min_events_count: 5 },
    'customer/get_chat': { chat_id: c.chatId },
    'customer/start_chat': { chat: { ...chatProps, thread: { events: [message] } }, continuous: false },
    'customer/resume_chat': { chat: { id: c.chatId, thread: { events: [message] } } },
    'customer/deactivate_chat': { id: c.chatId },
    'customer/send_event': { chat_id: c.chatId, event: { type: 'custom', content: { a: [1, 'b', { c: null }] } } },
    'customer/send_sneak_peek': { chat_id: c.chatId, sneak_peek_text: 'hel' },
    'customer/update_customer': { name: 'Ann', session_fields: [{ key: 'value' }] },
    'customer/update_customer_page': { url: 'https://example.com/page', title: 'Page' },
    'customer/set_customer_session_fields': { session_fields: [{ key: 'value' }] },
    'customer/login': { token: 'Bearer dal:x.y', customer: { name: 'Ann' }, customer_page: { url: 'https://example.com' }, group_id: 0 },
    'customer/list_group_statuses': { group_ids: [0] },
    'customer/get_form': { group_id: 0, type: 'prechat' },
    'customer/get_predicted_agent': { groups: [0] },
    'customer/get_url_info': { url: 'https://example.com' },
    'customer/mark_events_as_seen': { chat_id: c.chatId, seen_up_to: '2030-01-01T00:00:00.000000Z' },
    'customer/accept_greeting': { greeting_id: 1, unique_id: 'u1' },
    'customer/list_license_properties': { namespace: 'ns', name: 'n' },
    'customer/list_group_properties': { id: 0, namespace: 'ns' },
    'customer/get_dynamic_configuration': { group_id: 0, url: 'https://example.com' },
    'customer/get_configuration': { group_id: 0, version: '1' },
    'customer/get_localization': { group_id: 0, language: 'en', version: '1' },
    'configuration/create_agent': { id: 'fuzz-new@acme.example', name: 'Fuzz', max_chats_count: 2, groups: [{ id: 1, priority: 'normal' }] },
    'configuration/get_agent': { id: c.victimId, fields: ['groups'] },
    'configuration/list_agents': { filters: { group_ids: [1] }, fields: ['groups', 'max_chats_count'] },
    'configuration/update_agent': { id: c.victimId, job_title: 'Support', max_chats_count: 3 },
    'configuration/delete_agent': { id: c.victimId },
    'configuration/suspend_agent': { id: c.victimId },
    'configuration/create_bot': { name: 'Bot', owner_client_id: 'client', max_chats_count: 5 },
    'configuration/create_group': { name: 'Sales', language_code: 'en', agent_priorities: { [c.victimId]: 'normal' } },
    'configuration/update_group': { id: 1, name: 'Sales 2' },
    'configuration/get_group': { id: 1, fields: ['agent_priorities'] },
    'configuration/list_groups': { fields: ['agent_priorities'] },
    'configuration/register_property': { name: 'p', owner_client_id: 'client', type: 'string', access: {} },
    'configuration/update_license_properties': { properties: { ns: { p: 'v' } } },
    'configuration/register_webhook': { url: 'https://example.com/hook', action: 'incoming_chat', secret_key: 's', owner_client_id: 'c' },
    'configuration/get_license_id': { organization_id: c.organizationId },
    'configuration/get_organization_id': { license_id: 1 },
  };
}

const RAW = '__FUZZ_RAW__';

/** `base` with `value` at `path` (raw JSON text when `raw`), or without it when `value` is undefined. */
function withValue(base: Record<string, Json>, path: Array<string | number>, value: Json | undefined, raw?: string): string {
  const copy = structuredClone(base) as Record<string, Json>;
  let node: Json = copy;
  for (const key of path.slice(0, -1)) node = (node as Record<string, Json>)[key];
  const last = path[path.length - 1];
  if (value === undefined && raw === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete (node as Record<string, Json>)[last];
  } else {
    (node as Record<string | number, Json>)[last] = raw === undefined ? value! : RAW;
  }
  const text = JSON.stringify(copy);
  return raw === undefined ? text : text.replace(`"${RAW}"`, raw);
}

/** Paths of every string and number below the top level of `value`. */
function leaves(value: Json, path: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return path.length > 1 ? [path] : [];
  const entries: Array<[string | number, Json]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => leaves(child, [...path, key]));
}

const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const hugeArray = `[${Array.from({ length: 100_000 }, () => '0').join(',')}]`;
const hugeString = JSON.stringify('x'.repeat(256 * 1024));
const handMadePageId = (state: object) => Buffer.from(JSON.stringify(state)).toString('base64url');

/** Values put in place of each top-level field: wrong types, unstorable strings, huge and deep values, out-of-range numbers. */
const FIELD_VALUES: Array<[name: string, raw: string]> = [
  ['a number', '42'],
  ['null', 'null'],
  ['an array', '[]'],
  ['an object', '{}'],
  ['a boolean', 'true'],
  ['a string', '"x"'],
  ['a NUL string', '"\\u0000"'],
  ['a lone high surrogate', '"a\\ud800"'],
  ['a lone low surrogate', '"\\udc00b"'],
  ['NUL nested in an object', '{"k":["\\u0000"]}'],
  ['a surrogate as a key', '{"\\ud800":1}'],
  ['a 256 KB string', hugeString],
  ['5,000 levels of objects', deepObject(5000)],
  ['100,000 array elements', hugeArray],
  ['2^31', '2147483648'],
  ['2^53 + 2', '9007199254740994'],
  ['-1', '-1'],
  ['1e308', '1e308'],
  ['1e400 (Infinity once parsed)', '1e400'],
  ['-0.5', '-0.5'],
  ['"NaN"', '"NaN"'],
];

/** Whole bodies whatever the action: not JSON, not objects, deep, hostile keys, forged page ids. */
const GENERIC: Array<Omit<FuzzPayload, 'json'> & { json?: boolean }> = [
  { name: 'an empty body', body: '', json: false },
  { name: 'truncated JSON', body: '{"a":', json: false },
  { name: 'not JSON', body: 'hello', json: false },
  { name: 'a byte-order mark before JSON', body: '\ufeff{}', json: false },
  { name: 'control bytes', body: '\u0000\u0001\u0002', json: false },
  { name: 'a JSON array', body: '[1,2]' },
  { name: 'a JSON string', body: '"payload"' },
  { name: 'a JSON number', body: '42' },
  { name: 'JSON null', body: 'null' },
  { name: 'JSON true', body: 'true' },
  { name: '5,000 nested arrays', body: deepArray(5000) },
  { name: '5,000 nested objects', body: deepObject(5000) },
  { name: 'a NUL key', body: '{"\\u0000":1}' },
  { name: 'a __proto__ key', body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}' },
  { name: '1e400 limit', body: '{"limit":1e400}' },
  { name: 'a hand-made page id with a negative offset', body: JSON.stringify({ page_id: handMadePageId({ offset: -5, limit: 10, sort_order: 'desc' }) }) },
  { name: 'a hand-made page id with limit 100,000', body: JSON.stringify({ page_id: handMadePageId({ offset: 0, limit: 100_000, sort_order: 'desc' }) }) },
  { name: 'a page id that is not base64', body: '{"page_id":"!!!"}' },
  { name: 'a 16 KB page id', body: JSON.stringify({ page_id: 'A'.repeat(16 * 1024) }) },
];

/** Every payload the fuzz sends to one action. */
export function payloadsFor(method: MethodInfo, bases: Record<string, Record<string, Json>>): FuzzPayload[] {
  const base = bases[`${method.api}/${method.action}`] ?? {};
  const out: FuzzPayload[] = GENERIC.map((p) => ({ ...p, json: p.json ?? true }));
  for (const field of Object.keys(base)) {
    out.push({ name: `without ${field}`, body: withValue(base, [field], undefined), json: true });
    for (const [name, raw] of FIELD_VALUES) out.push({ name: `${field} = ${name}`, body: withValue(base, [field], null, raw), json: true });
  }
  for (const path of leaves(base)) {
    const at = path.join('.');
    for (const [name, raw] of [
      ['a NUL string', '"a\\u0000"'],
      ['a lone surrogate', '"\\ud83d"'],
      ['2^31', '2147483648'],
      ['-1', '-1'],
    ] as const) {
      out.push({ name: `${at} = ${name}`, body: withValue(base, path, null, raw), json: true });
    }
  }
  out.push({ name: 'forged page_id beside valid fields', body: withValue(base, ['page_id'], null, JSON.stringify(handMadePageId({ offset: -1 }))), json: true });
  return out;
}

/** The catalogue: every method of the three APIs. */
export const ACTIONS: readonly MethodInfo[] = METHOD_CATALOG;
