import { callWeb, RtmClient, waitFor } from '@switchboard/testing';
import { customerToken } from './conversation.scenario';
import { MembershipUrls, Office, online, openOffice } from './membership.scenario';

type Frame = Awaited<ReturnType<RtmClient['request']>>;
type Customer = Awaited<ReturnType<typeof customerWithChat>>;

/** A customer online over RTM who starts a chat over the Web API, with the thread's properties if given. */
async function customerWithChat(office: Office, name: string, properties?: Record<string, Record<string, unknown>>) {
  const { urls, team } = office;
  const customer = await customerToken(urls.customer, team.organizationId);
  const rtm = await RtmClient.connect(urls.customer, 'customer', team.organizationId);
  expect((await rtm.request('login', { token: `Bearer ${customer.access_token}`, customer: { name } })).success).toBe(true);
  const call = (action: string, payload: unknown) =>
    callWeb(urls.customer, 'customer', action, payload, { token: customer.access_token, organizationId: team.organizationId });
  const started = await call('start_chat', { chat: { thread: { events: [{ type: 'message', text: `Hello from ${name}` }], ...(properties && { properties }) } } });
  expect(started.status).toBe(200);
  return { id: customer.entity_id, rtm, call, chatId: started.body.chat_id as string };
}

const PUSH_MS = 30_000;

/** The agent hears `incoming_chat` for the chat, assigned to them: they are in its users and the thread says `routing.assigned`. */
async function expectAssigned(client: RtmClient, agentId: string, chatId: string): Promise<void> {
  const push = await client.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId, PUSH_MS);
  expect(push.payload.chat.users.some((u: { id: string; present: boolean }) => u.id === agentId && u.present)).toBe(true);
  const assigned = push.payload.chat.thread.events.find((e: { system_message_type?: string }) => e.system_message_type === 'routing.assigned');
  expect(assigned).toMatchObject({ type: 'system_message', text_vars: { agent: expect.any(String) } });
}

/** The chat's present agents, as an owner reads it. */
async function agentsOf(office: Office, chatId: string): Promise<string[]> {
  const chat = (await office.agentWeb(office.team.owner, 'get_chat', { chat_id: chatId })).body;
  return chat.users.filter((u: { type: string; present: boolean }) => u.type === 'agent' && u.present).map((u: { id: string }) => u.id);
}

const heardOf = (client: RtmClient, chatId: string) => client.pushes.filter((f: Frame) => f.payload?.chat?.id === chatId || f.payload?.chat_id === chatId);

async function setBotStatus(office: Office, botId: string, status: string): Promise<void> {
  expect((await office.agentWeb(office.team.owner, 'set_routing_status', { agent_id: botId, status })).status).toBe(200);
}

async function routingSettings(office: Office, settings: Record<string, unknown>): Promise<void> {
  expect((await office.config('switchboard_update_routing_settings', { settings })).status).toBe(200);
}

/**
 * Priorities (routing.md §4), each against the order load and ids alone would
 * give: a `first` bot is served again before less loaded agents, a `normal`
 * agent before a `last` one whose id sorts first, the `last` one only when
 * every normal one is full, a supervisor never; a chat with
 * `routing.ignore_bots` waits rather than go to the free bot. Checked on the
 * agents' RTM clients (`incoming_chat` with `routing.assigned`) and the customers'.
 */
export async function checkPriorities(urls: MembershipUrls, adminToken: string, name: string): Promise<void> {
  const office = await openOffice(urls, adminToken, name);
  const { ids, tokens } = office.team;
  const bot = (await office.config('create_bot', { name: 'Greeter', max_chats_count: 2, default_group_priority: 'first' })).body.id as string;
  // Ada's id sorts first: with load and ids alone she would be served before Sam.
  for (const [id, priority] of [
    [ids.other, 'normal'],
    [ids.admin, 'last'],
    [ids.normal, 'supervisor'],
  ] as const) {
    expect((await office.config('update_agent', { id, max_chats_count: 1, groups: [{ id: 0, priority }] })).status).toBe(200);
  }
  const sam = await online(urls.agent[urls.agent.length - 1], tokens.other, 'accepting_chats');
  const ada = await online(urls.agent[0], tokens.admin, 'accepting_chats');
  const max = await online(urls.agent[0], tokens.normal, 'accepting_chats');
  await setBotStatus(office, bot, 'accepting_chats');
  await office.barrier(max, sam, ada);

  // The bot takes the first two chats, the second though everyone else has none.
  const customers: Customer[] = [];
  for (const who of ['First', 'Second']) {
    const customer = await customerWithChat(office, who);
    customers.push(customer);
    await waitFor(async () => (await agentsOf(office, customer.chatId)).includes(bot), PUSH_MS, 200);
    const added = await customer.rtm.nextPush('user_added_to_chat', (f) => f.payload.user.id === bot, PUSH_MS);
    expect(added.payload).toMatchObject({ chat_id: customer.chatId, reason: 'assigned' });
  }
  const [first, second] = customers;
  // The bot is full: the normal agent, not the last one.
  const third = await customerWithChat(office, 'Third');
  await expectAssigned(sam, ids.other, third.chatId);
  // Every normal member is full: the last one.
  const fourth = await customerWithChat(office, 'Fourth');
  await expectAssigned(ada, ids.admin, fourth.chatId);
  // Only the supervisor has a free seat: the chat waits, and the customer is told it would be queued.
  const fifth = await customerWithChat(office, 'Fifth');
  customers.push(third, fourth, fifth);
  expect((await fifth.call('get_predicted_agent', {})).body).toMatchObject({ queue: true });
  expect((await fifth.call('list_group_statuses', { all: true })).body.groups_status['0']).toBe('online_for_queue');
  // A seat of the bot frees: the waiting chat goes to the bot, never to the supervisor.
  expect((await office.agentWeb(office.team.owner, 'deactivate_chat', { id: first.chatId }, bot)).status).toBe(200);
  await waitFor(async () => (await agentsOf(office, fifth.chatId)).includes(bot), PUSH_MS, 200);
  await office.barrier(max, sam, ada);
  for (const customer of customers) expect(heardOf(max, customer.chatId)).toEqual([]);

  // routing.ignore_bots: with a seat of the bot free, the chat waits for a human — Sam, once free.
  expect((await office.agentWeb(office.team.owner, 'deactivate_chat', { id: second.chatId }, bot)).status).toBe(200);
  const shy = await customerWithChat(office, 'Shy', { routing: { ignore_bots: true } });
  customers.push(shy);
  expect((await office.agentWeb(tokens.other, 'deactivate_chat', { id: third.chatId })).status).toBe(200);
  await expectAssigned(sam, ids.other, shy.chatId);
  expect(await agentsOf(office, shy.chatId)).toEqual([ids.other]);
  for (const client of [max, sam, ada]) client.close();
  for (const customer of customers) customer.rtm.close();
}

/** Round-robin within a tier: three agents with two seats each get one chat each before anyone gets a second. */
export async function checkFairness(urls: MembershipUrls, adminToken: string, name: string): Promise<void> {
  const office = await openOffice(urls, adminToken, name);
  const { ids, tokens } = office.team;
  const agents = [
    { id: ids.admin, token: tokens.admin },
    { id: ids.normal, token: tokens.normal },
    { id: ids.other, token: tokens.other },
  ];
  for (const agent of agents) expect((await office.config('update_agent', { id: agent.id, max_chats_count: 2 })).status).toBe(200);
  const clients = await Promise.all(agents.map((a, i) => online(urls.agent[i % urls.agent.length], a.token, 'accepting_chats')));
  await office.barrier(...clients);
  const order: string[] = [];
  const customers: Customer[] = [];
  for (let i = 0; i < 6; i++) {
    const customer = await customerWithChat(office, `Customer ${i}`);
    customers.push(customer);
    const assignee = await waitFor(async () => (await agentsOf(office, customer.chatId))[0], PUSH_MS, 100);
    const index = agents.findIndex((a) => a.id === assignee);
    await expectAssigned(clients[index], assignee, customer.chatId);
    order.push(assignee);
  }
  // Everyone one before anyone two, and the second round in the same order.
  expect(new Set(order.slice(0, 3)).size).toBe(3);
  expect(order.slice(3)).toEqual(order.slice(0, 3));
  for (const client of clients) client.close();
  for (const customer of customers) customer.rtm.close();
}

/** prefer_recent_agent: a returning customer goes to the agent of their last chat, though the usual order would pick another. */
export async function checkPreferRecentAgent(urls: MembershipUrls, adminToken: string, name: string): Promise<void> {
  const office = await openOffice(urls, adminToken, name);
  const { ids, tokens } = office.team;
  await routingSettings(office, { prefer_recent_agent: true });
  const max = await online(urls.agent[0], tokens.normal, 'accepting_chats');
  await office.barrier(max);
  const returning = await customerWithChat(office, 'Returning');
  await expectAssigned(max, ids.normal, returning.chatId);
  expect((await office.agentWeb(tokens.normal, 'deactivate_chat', { id: returning.chatId })).status).toBe(200);
  // Sam comes online: never assigned, so the usual order now picks Sam before Max.
  const sam = await online(urls.agent[urls.agent.length - 1], tokens.other, 'accepting_chats');
  await office.barrier(max, sam);
  expect((await returning.call('get_predicted_agent', {})).body).toMatchObject({ agent: { id: ids.normal }, queue: false });
  const resumed = await returning.call('resume_chat', { chat: { id: returning.chatId, thread: { events: [{ type: 'message', text: 'Me again' }] } } });
  expect(resumed.status).toBe(200);
  await expectAssigned(max, ids.normal, returning.chatId);
  // A new customer follows the usual order: Sam.
  const newcomer = await customerWithChat(office, 'Newcomer');
  await expectAssigned(sam, ids.other, newcomer.chatId);
  for (const client of [max, sam, returning.rtm, newcomer.rtm]) client.close();
}

/**
 * Manual routing: a new chat is assigned to nobody; every accepting agent of
 * its group hears `incoming_chat`; two agents pick it at once (adding
 * themselves) through different gateways — one wins, the other is refused.
 */
export async function checkManualRouting(urls: MembershipUrls, adminToken: string, name: string): Promise<void> {
  const office = await openOffice(urls, adminToken, name);
  const { ids, tokens } = office.team;
  await routingSettings(office, { manual_routing: true });
  const max = await online(urls.agent[0], tokens.normal, 'accepting_chats');
  const sam = await online(urls.agent[urls.agent.length - 1], tokens.other, 'accepting_chats');
  const ada = await online(urls.agent[0], tokens.admin, 'not_accepting_chats');
  await office.barrier(max, sam, ada);
  const customer = await customerWithChat(office, 'Picky');
  for (const client of [max, sam]) {
    const offer = await client.nextPush('incoming_chat', (f) => f.payload.chat.id === customer.chatId, PUSH_MS);
    expect(offer.payload.chat.users.filter((u: { type: string }) => u.type === 'agent')).toEqual([]);
  }
  expect((await customer.call('list_group_statuses', { all: true })).body.groups_status['0']).toBe('online');
  await office.barrier(max, sam, ada);
  expect(await agentsOf(office, customer.chatId)).toEqual([]);
  // Not accepting chats: not told.
  expect(heardOf(ada, customer.chatId)).toEqual([]);

  const pick = (client: RtmClient, agentId: string) => client.request('add_user_to_chat', { chat_id: customer.chatId, user_id: agentId, user_type: 'agent', visibility: 'all' });
  const answers = await Promise.all([pick(max, ids.normal), pick(sam, ids.other)]);
  const winner = answers.findIndex((a) => a.success);
  expect(answers.filter((a) => a.success)).toHaveLength(1);
  const loser = answers[1 - winner];
  expect(loser.payload.error).toEqual({ type: 'validation', message: 'The chat was already picked by another agent' });
  const [winnerId, winnerClient] = winner === 0 ? [ids.normal, max] : [ids.other, sam];
  expect(await agentsOf(office, customer.chatId)).toEqual([winnerId]);
  await expectAssigned(winnerClient, winnerId, customer.chatId);
  expect((await customer.rtm.nextPush('user_added_to_chat', (f) => f.payload.user.id === winnerId, PUSH_MS)).payload).toMatchObject({ reason: 'assigned' });
  for (const client of [max, sam, ada, customer.rtm]) client.close();
}
