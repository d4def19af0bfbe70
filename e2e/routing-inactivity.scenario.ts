import { callWeb, RtmClient } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';

/** Where each API is served (the same URL for all in the embedded mode). */
export interface InactivityUrls {
  configuration: string;
  customer: string;
  agent: string;
}

/** A minute of the routing settings in these runs (ROUTING_MINUTE_MS): the timeout below is 1 such minute. */
export const TEST_MINUTE_MS = 1500;
const PUSH_WAIT_MS = 30_000;

/** Any system message but the assignment's: whatever the timer said, checked below. */
const isTimerMessage = (event: { type: string; system_message_type?: string }) => event.type === 'system_message' && event.system_message_type !== 'routing.assigned';

async function agentToken(configurationUrl: string, ownerToken: string, agentId: string): Promise<string> {
  const response = await fetch(`${configurationUrl}/auth/agent_token`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ownerToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ agent_id: agentId }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A customer logged in over RTM who starts a chat over the Web API; resolves once the agent got it. */
async function customerChat(urls: InactivityUrls, organizationId: string, agent: RtmClient, continuous: boolean) {
  const customer = await customerToken(urls.customer, organizationId);
  const rtm = await RtmClient.connect(urls.customer, 'customer', organizationId);
  expect((await rtm.request('login', { token: `Bearer ${customer.access_token}` })).success).toBe(true);
  const started = await callWeb(
    urls.customer,
    'customer',
    'start_chat',
    { chat: { thread: { events: [{ type: 'message', text: 'Hello?' }] } }, continuous },
    { token: customer.access_token, organizationId },
  );
  expect(started.status).toBe(200);
  const { chat_id: chatId, thread_id: threadId } = started.body as { chat_id: string; thread_id: string };
  await agent.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId, PUSH_WAIT_MS);
  return { rtm, chatId, threadId, token: customer.access_token };
}

/**
 * The inactivity timer as users see it (routing.md §1.5–§1.6, ADR 0040): with
 * a 1-minute timeout, a chat nobody writes in is archived a minute after its
 * last message — both sides get `routing.archived_inactive` and
 * `chat_deactivated` without a user, and the chat has that message once, with
 * two routers running; a continuous chat is marked idle instead
 * (`routing.idle`, `thread_properties_updated`) and stays active, and the mark
 * goes when the customer writes again.
 */
export async function checkInactivity(urls: InactivityUrls, adminToken: string): Promise<void> {
  const { organizationId, ownerToken } = await createOrganization(urls.configuration, adminToken, 'Quiet');
  const owner = (action: string, payload: unknown) => callWeb(urls.configuration, 'configuration', action, payload, { token: ownerToken });
  const agentId = 'ida@quiet.example';
  expect((await owner('create_agent', { id: agentId, name: 'Ida', max_chats_count: 5 })).status).toBe(200);
  expect(await owner('switchboard_update_routing_settings', { settings: { inactivity_timeout_min: 1 } })).toEqual({ status: 200, body: {} });
  const token = await agentToken(urls.configuration, ownerToken, agentId);
  const agent = await RtmClient.connect(urls.agent, 'agent');
  expect((await agent.request('login', { token: `Bearer ${token}` })).success).toBe(true);
  expect((await agent.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);

  // --- An ordinary chat: the agent answers, then nobody writes.
  const chat = await customerChat(urls, organizationId, agent, false);
  const reply = await callWeb(urls.agent, 'agent', 'send_event', { chat_id: chat.chatId, event: { type: 'message', text: 'How can I help?' } }, { token });
  expect(reply.status).toBe(200);
  for (const side of [agent, chat.rtm]) {
    const archived = await side.nextPush('incoming_event', (f) => f.payload.chat_id === chat.chatId && isTimerMessage(f.payload.event), PUSH_WAIT_MS);
    expect(archived.payload).toMatchObject({
      chat_id: chat.chatId,
      thread_id: chat.threadId,
      event: { system_message_type: 'routing.archived_inactive', text: 'Chat archived due to 1 minutes of inactivity', text_vars: { duration: '1' } },
    });
    const deactivated = await side.nextPush('chat_deactivated', (f) => f.payload.chat_id === chat.chatId, PUSH_WAIT_MS);
    // The router closed it: no user_id.
    expect(deactivated.payload).toEqual({ chat_id: chat.chatId, thread_id: chat.threadId });
  }
  const history = await callWeb(urls.agent, 'agent', 'get_chat', { chat_id: chat.chatId, thread_id: chat.threadId }, { token });
  // Not before the minute was over (the agent's reply restarted it): on the server's clock, the reply's time to the close's (ms, truncated).
  const at = (match: (e: { text?: string; system_message_type?: string }) => boolean) => Date.parse(history.body.thread.events.find(match).created_at);
  expect(at((e) => e.system_message_type === 'routing.archived_inactive') - at((e) => e.text === 'How can I help?')).toBeGreaterThanOrEqual(TEST_MINUTE_MS - 1);
  expect(history.body.thread.active).toBe(false);
  expect(history.body.thread.events.map((e: { type: string; system_message_type?: string }) => e.system_message_type ?? e.type)).toEqual([
    'message',
    'routing.assigned',
    'message',
    'routing.archived_inactive',
  ]);

  // --- A continuous chat (Messaging Mode): marked idle, not archived; the mark goes when the customer writes.
  const continuous = await customerChat(urls, organizationId, agent, true);
  for (const side of [agent, continuous.rtm]) {
    const idle = await side.nextPush('incoming_event', (f) => f.payload.chat_id === continuous.chatId && isTimerMessage(f.payload.event), PUSH_WAIT_MS);
    expect(idle.payload.event).toMatchObject({ system_message_type: 'routing.idle', text: 'Chat is idle due to 1 minutes of inactivity' });
  }
  const marked = await agent.nextPush('thread_properties_updated', (f) => f.payload.chat_id === continuous.chatId, PUSH_WAIT_MS);
  expect(marked.payload).toEqual({ chat_id: continuous.chatId, thread_id: continuous.threadId, properties: { routing: { idle: true } } });
  const back = await callWeb(urls.customer, 'customer', 'send_event', { chat_id: continuous.chatId, event: { type: 'message', text: 'Back!' } }, { token: continuous.token, organizationId });
  expect(back.status).toBe(200);
  const cleared = await agent.nextPush('thread_properties_updated', (f) => f.payload.chat_id === continuous.chatId && f.payload.properties.routing.idle === false, PUSH_WAIT_MS);
  expect(cleared.payload.thread_id).toBe(continuous.threadId);
  const summary = await callWeb(urls.agent, 'agent', 'get_chat', { chat_id: continuous.chatId }, { token });
  expect(summary.body.thread).toMatchObject({ id: continuous.threadId, active: true });
  expect(agent.pushes.filter((f) => f.action === 'chat_deactivated' && f.payload.chat_id === continuous.chatId)).toEqual([]);
  for (const client of [agent, chat.rtm, continuous.rtm]) client.close();
}
