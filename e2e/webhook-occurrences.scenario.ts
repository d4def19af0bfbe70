import { callWeb, RtmClient, waitFor } from '@switchboard/testing';
import { customerToken } from './conversation.scenario';
import { createTeam, post, rtmLogin, Team } from './identity.scenario';

/** What the scenario did, for the assertions on what webhooks hear of it. */
export interface WebhookStory {
  team: Team;
  /** The integrator's application: the administrator (ada) acts through it. */
  myClient: string;
  /** The organization's default application: the owner's and the other agents' tokens are its. */
  defaultClient: string;
  newAgent: string;
  botId: string;
  groupId: number;
  autoAccessId: string;
  visitor: string;
  createdCustomer: string;
  chatId: string;
  threadId: string;
  customerEventId: string;
  patEventId: string;
  richEventId: string;
  propertyEventId: string;
}

const ok = (response: { status: number; body: unknown }, what: string) => {
  if (response.status !== 200) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as any; // eslint-disable-line @typescript-eslint/no-explicit-any
};

const basic = (accountId: string, secret: string) => `Basic ${Buffer.from(`${accountId}:${secret}`).toString('base64')}`;

/** Where the story is told: one embedded Switchboard, or the distributed services. */
export interface StoryUrls {
  configuration: string;
  agent: string;
  customer: string;
}

/** The organization and the credentials the story is told with, before anything happens. */
export interface StoryCast {
  urls: StoryUrls;
  team: Team;
  /** The integrator's application: the administrator (ada) acts through it. */
  myClient: string;
  /** The organization's default application: the owner's and the other agents' tokens are its. */
  defaultClient: string;
  /** Ada's token of my application. */
  appToken: string;
  /** Max's personal access token (acts for no application). */
  pat: string;
}

/** An organization with its agents, an integrator's application and the tokens the story uses. */
export async function castWebhookStory(where: string | StoryUrls, adminToken: string, name = 'Hooks'): Promise<StoryCast> {
  const urls = typeof where === 'string' ? { configuration: where, agent: where, customer: where } : where;
  const url = urls.configuration;
  const team = await createTeam({ configuration: url, agent: [urls.agent] }, adminToken, name);
  const { ids, tokens } = team;
  const application = ok(await post(url, '/admin/applications', { organization_id: team.organizationId, name: 'Integrator' }, adminToken), 'application');
  const myClient: string = application.client_id;
  const appToken: string = ok(await post(url, '/auth/agent_token', { agent_id: ids.admin, client_id: myClient }, team.owner), 'app token').access_token;
  const defaultClient: string = ok(await post(url, '/auth/agent_token', { agent_id: ids.other }, team.owner), 'token').client_id;
  const pat: string = ok(await post(url, '/auth/personal_access_tokens', { name: 'hooks' }, tokens.normal), 'pat').token;
  return { urls, team, myClient, defaultClient, appToken, pat };
}

/**
 * Every method that causes a webhook, through the public API of one
 * Switchboard: configuration changes through an integrator's application,
 * a chat a customer starts and the router assigns, agents writing to it with
 * a Bearer token of another application and with a personal access token,
 * properties, tags, signals, a transfer and the chat's end.
 */
export async function tellWebhookStory(url: string, adminToken: string): Promise<WebhookStory> {
  return playWebhookStory(await castWebhookStory(url, adminToken));
}

/** The story of {@link tellWebhookStory}, told with a cast prepared beforehand (webhooks registered meanwhile hear all of it). */
export async function playWebhookStory(cast: StoryCast): Promise<WebhookStory> {
  const { team, myClient, defaultClient, pat, urls } = cast;
  const { ids, tokens } = team;
  const app = cast.appToken;
  const url = urls.configuration;
  const config = (action: string, payload: unknown, token = app) => callWeb(url, 'configuration', action, payload, { token }).then((r) => ok(r, action));
  const agent = (action: string, payload: unknown, token = app, headers: Record<string, string> = {}) =>
    callWeb(urls.agent, 'agent', action, payload, { token, headers }).then((r) => ok(r, action));
  const byPat = (action: string, payload: unknown) => callWeb(urls.agent, 'agent', action, payload, { headers: { Authorization: basic(ids.normal, pat) } }).then((r) => ok(r, action));

  // Configuration, through my application (the owner approves: only it may).
  const newAgent = 'new@hooks.example';
  await config('create_agent', { id: newAgent, name: 'New' });
  await config('update_agent', { id: newAgent, job_title: 'Support' });
  await config('approve_agent', { id: newAgent }, team.owner);
  await config('suspend_agent', { id: newAgent });
  await config('unsuspend_agent', { id: newAgent });
  await config('delete_agent', { id: newAgent });
  const botId: string = (await config('create_bot', { name: 'Hook bot' })).id;
  await config('update_bot', { id: botId, name: 'Hook bot 2' });
  const groupId: number = (await config('create_group', { name: 'Sales', agent_priorities: { [ids.other]: 'normal' } })).id;
  await config('update_group', { id: groupId, name: 'Sales team' });
  const rule = { description: 'Pricing', access: { groups: [0] }, conditions: { url: { values: [{ value: 'example.com/pricing', exact_match: true }] } } };
  const autoAccessId: string = (await config('add_auto_access', rule)).id;
  await config('update_auto_access', { id: autoAccessId, description: 'Pricing page' });
  await config('delete_auto_access', { id: autoAccessId });
  await config('register_property', {
    name: 'note',
    owner_client_id: myClient,
    type: 'string',
    access: { chat: { agent: ['read', 'write'] }, thread: { agent: ['read', 'write'] }, event: { agent: ['read', 'write'] } },
    description: 'A note',
  });

  // Routing statuses: a login (the default application's), my application, a personal access token.
  const max = await rtmLogin(urls.agent, tokens.normal);
  await agent('set_routing_status', { agent_id: ids.admin, status: 'not_accepting_chats' });
  await byPat('set_routing_status', { status: 'accepting_chats' });

  // Customers: a visitor's first token (no application), one my application creates.
  const customer = await customerToken(urls.customer, team.organizationId);
  const visitor = customer.entity_id;
  const createdCustomer: string = (await agent('create_customer', { name: 'Carl' })).customer_id;
  const asCustomer = (action: string, payload: unknown) =>
    callWeb(urls.customer, 'customer', action, payload, { token: customer.access_token, organizationId: team.organizationId }).then((r) => ok(r, action));

  // The chat: the customer starts it with a message; the router gives it to max.
  const started = await asCustomer('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'Hello' }] } } });
  const chatId: string = started.chat_id;
  const threadId: string = started.thread_id;
  await waitFor(async () => (await agent('get_chat', { chat_id: chatId })).users.some((u: { id: string; present: boolean }) => u.id === ids.normal && u.present), 20_000);
  const customerEventId: string = (await asCustomer('send_event', { chat_id: chatId, event: { type: 'message', text: 'Anyone?' } })).event_id;
  const patEventId: string = (await byPat('send_event', { chat_id: chatId, event: { type: 'message', text: 'Here' } })).event_id;
  await agent('add_user_to_chat', { chat_id: chatId, user_id: ids.admin, user_type: 'agent', visibility: 'all', ignore_requester_presence: true });
  await agent('add_user_to_chat', { chat_id: chatId, user_id: botId, user_type: 'agent', visibility: 'all' });
  const card = { type: 'rich_message', template_id: 'cards', elements: [{ title: 'Plan', buttons: [{ text: 'Pro', type: 'message', value: 'Pro', postback_id: 'pro' }] }] };
  const richEventId: string = (await agent('send_event', { chat_id: chatId, event: card }, tokens.normal)).event_id;
  await asCustomer('send_rich_message_postback', { chat_id: chatId, thread_id: threadId, event_id: richEventId, postback: { id: 'pro', toggled: true } });
  await asCustomer('mark_events_as_seen', { chat_id: chatId, seen_up_to: new Date().toISOString() });

  // Properties and tags, through my application.
  const note = (value: string) => ({ [myClient]: { note: value } });
  const noteName = { [myClient]: ['note'] };
  await agent('update_chat_properties', { id: chatId, properties: note('chat') });
  await agent('delete_chat_properties', { id: chatId, properties: noteName });
  await agent('update_thread_properties', { chat_id: chatId, thread_id: threadId, properties: note('thread') });
  await agent('delete_thread_properties', { chat_id: chatId, thread_id: threadId, properties: noteName });
  const propertyEventId = customerEventId;
  await agent('update_event_properties', { chat_id: chatId, thread_id: threadId, event_id: propertyEventId, properties: note('event') });
  await agent('delete_event_properties', { chat_id: chatId, thread_id: threadId, event_id: propertyEventId, properties: noteName });
  await agent('tag_thread', { chat_id: chatId, thread_id: threadId, tag: 'vip' });
  await agent('untag_thread', { chat_id: chatId, thread_id: threadId, tag: 'vip' });

  // The customer's session fields while chatting; the bot leaves; max hands the chat to Sales; the customer ends it.
  await asCustomer('set_customer_session_fields', { session_fields: [{ plan: 'pro' }] });
  await agent('remove_user_from_chat', { chat_id: chatId, user_id: botId, user_type: 'agent' });
  await byPat('transfer_chat', { id: chatId, target: { type: 'group', ids: [groupId] }, ignore_agents_availability: true });
  await asCustomer('deactivate_chat', { id: chatId });
  await config('delete_group', { id: groupId });
  await config('delete_bot', { id: botId });

  // Max's last connection closes: Switchboard sets it offline.
  await closeAndWaitOffline(max, urls.agent, team);
  return { team, myClient, defaultClient, newAgent, botId, groupId, autoAccessId, visitor, createdCustomer, chatId, threadId, customerEventId, patEventId, richEventId, propertyEventId };
}

async function closeAndWaitOffline(client: RtmClient, url: string, team: Team): Promise<void> {
  client.close();
  await waitFor(async () => {
    const statuses = (await callWeb(url, 'agent', 'list_routing_statuses', {}, { token: team.owner })).body as Array<{ agent_id: string; status: string }>;
    return statuses.some((s) => s.agent_id === team.ids.normal && s.status === 'offline');
  }, 20_000);
}
