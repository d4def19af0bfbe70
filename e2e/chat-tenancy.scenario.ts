import { callWeb } from '@switchboard/testing';
import { customerToken } from './conversation.scenario';
import { createTeam, IdentityUrls, post, rtmLogin } from './identity.scenario';

type Reply = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ChatTenancyUrls extends IdentityUrls {
  customer: string;
}

/** The first organization's chat, and the ids inside it a stranger might aim at. */
interface Target {
  chat: string;
  thread: string;
  event: string;
  agent: string;
}

/** Agent Chat API methods about working inside a chat, aimed by the second organization at the first one's chat. */
function agentProbes(t: Target): Record<string, unknown> {
  const at = { chat_id: t.chat, thread_id: t.thread };
  return {
    get_chat: { chat_id: t.chat },
    list_threads: { chat_id: t.chat },
    send_event: { chat_id: t.chat, event: { type: 'message', text: 'stolen' } },
    deactivate_chat: { id: t.chat, ignore_requester_presence: true },
    resume_chat: { chat: { id: t.chat } },
    follow_chat: { id: t.chat },
    unfollow_chat: { id: t.chat },
    transfer_chat: { id: t.chat, target: { type: 'agent', ids: [t.agent] }, ignore_requester_presence: true },
    add_user_to_chat: { chat_id: t.chat, user_id: t.agent, user_type: 'agent', visibility: 'all', ignore_requester_presence: true },
    remove_user_from_chat: { chat_id: t.chat, user_id: t.agent, user_type: 'agent', ignore_requester_presence: true },
    send_rich_message_postback: { ...at, event_id: t.event, postback: { id: 'yes', toggled: true } },
    update_chat_properties: { id: t.chat, properties: { test: { string_property: 'stolen' } } },
    delete_chat_properties: { id: t.chat, properties: { test: ['string_property'] } },
    update_thread_properties: { ...at, properties: { test: { string_property: 'stolen' } } },
    delete_thread_properties: { ...at, properties: { test: ['string_property'] } },
    update_event_properties: { ...at, event_id: t.event, properties: { test: { string_property: 'stolen' } } },
    delete_event_properties: { ...at, event_id: t.event, properties: { test: ['string_property'] } },
    tag_thread: { ...at, tag: 'stolen' },
    untag_thread: { ...at, tag: 'stolen' },
    mark_events_as_seen: { chat_id: t.chat, seen_up_to: '2099-01-01T00:00:00.000000Z' },
    send_typing_indicator: { chat_id: t.chat, is_typing: true },
    multicast: { recipients: { agents: { ids: [t.agent] } }, content: 'stolen' },
    list_agents_for_transfer: { chat_id: t.chat },
  };
}

/** The same from the second organization's customer, on the Customer Chat API. */
function customerProbes(t: Target): Record<string, unknown> {
  const at = { chat_id: t.chat, thread_id: t.thread };
  return {
    get_chat: { chat_id: t.chat },
    send_event: { chat_id: t.chat, event: { type: 'message', text: 'stolen' } },
    send_rich_message_postback: { ...at, event_id: t.event, postback: { id: 'yes', toggled: true } },
    send_sneak_peek: { chat_id: t.chat, sneak_peek_text: 'stolen' },
    update_chat_properties: { id: t.chat, properties: { test: { string_property: 'stolen' } } },
    delete_chat_properties: { id: t.chat, properties: { test: ['string_property'] } },
    update_thread_properties: { ...at, properties: { test: { string_property: 'stolen' } } },
    delete_thread_properties: { ...at, properties: { test: ['string_property'] } },
    update_event_properties: { ...at, event_id: t.event, properties: { test: { string_property: 'stolen' } } },
    delete_event_properties: { ...at, event_id: t.event, properties: { test: ['string_property'] } },
    mark_events_as_seen: { chat_id: t.chat, seen_up_to: '2099-01-01T00:00:00.000000Z' },
  };
}

/**
 * Two organizations: the second one's owner (Bearer token and personal
 * access token) and customer call every chat-working method aimed at the
 * first one's chat, on every gateway. None of it is shown to them, the first
 * organization's agent hears nothing of it, and the chat is unchanged.
 */
export async function checkChatTenancy(urls: ChatTenancyUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, `${name}A`);
  const other = await createTeam(urls, adminToken, `${name}B`);

  // The first organization's chat: its owner and a customer, a message with a button.
  const customer = await customerToken(urls.customer, acme.organizationId);
  const started = await callWeb(urls.customer, 'customer', 'start_chat', { chat: { thread: { events: [{ type: 'message', text: 'Help' }] } } }, { token: customer.access_token, organizationId: acme.organizationId });
  expect(started.status).toBe(200);
  const chat = started.body.chat_id as string;
  const added = await callWeb(urls.agent[0], 'agent', 'send_event', { chat_id: chat, event: { type: 'message', text: 'Hello' } }, { token: acme.owner });
  // The owner joins if the chat was not routed to them (nobody is accepting): resume as a member.
  if (added.status !== 200) {
    expect((await callWeb(urls.agent[0], 'agent', 'add_user_to_chat', { chat_id: chat, user_id: acme.ids.owner, user_type: 'agent', visibility: 'all', ignore_requester_presence: true }, { token: acme.owner })).status).toBe(200);
  }
  const target: Target = { chat, thread: started.body.thread_id, event: started.body.event_ids?.[0] ?? `${started.body.thread_id}_1`, agent: acme.ids.owner };
  const view = async () => (await callWeb(urls.agent[0], 'agent', 'get_chat', { chat_id: chat }, { token: acme.owner })).body;
  const before = await view();
  expect(before.id).toBe(chat);
  const listening = await rtmLogin(urls.agent[urls.agent.length - 1], acme.owner);

  const theirPat = await post(urls.configuration, '/auth/personal_access_tokens', { name: 'probe' }, other.owner);
  const theirCustomer = await customerToken(urls.customer, other.organizationId);
  const secrets = [acme.organizationId, acme.ids.owner, customer.entity_id, 'Help', 'Hello'];
  const leaks = (reply: Reply, sent: unknown) =>
    secrets.filter((secret) => JSON.stringify(reply.body).includes(secret) && !JSON.stringify(sent).includes(secret));

  const agentCalls = Object.entries(agentProbes(target));
  const credentials = [`Bearer ${other.owner}`, `Basic ${Buffer.from(`${other.ids.owner}:${theirPat.body.token}`).toString('base64')}`];
  for (const gateway of urls.agent) {
    for (const authorization of credentials) {
      for (const [action, payload] of agentCalls) {
        const reply = await callWeb(gateway, 'agent', action, payload, { headers: { Authorization: authorization } });
        expect({ action, leaks: leaks(reply, payload) }).toEqual({ action, leaks: [] });
        // Nothing of the first organization is reached: refused, or (multicast, lists) about the caller's own only.
        if (reply.status === 200) expect(['multicast', 'list_agents_for_transfer']).toContain(action);
      }
    }
  }
  for (const [action, payload] of Object.entries(customerProbes(target))) {
    for (const organizationId of [other.organizationId, acme.organizationId]) {
      const reply = await callWeb(urls.customer, 'customer', action, payload, { token: theirCustomer.access_token, organizationId });
      expect({ action, organizationId, status: reply.status === 200 ? 200 : 'refused', leaks: leaks(reply, payload) }).toEqual({ action, organizationId, status: 'refused', leaks: [] });
    }
  }

  // The chat is as it was.
  expect(await view()).toEqual(before);
  // The first organization's agent heard nothing of it: the next push it gets is its own message.
  const sentinel = await callWeb(urls.agent[0], 'agent', 'send_event', { chat_id: chat, event: { type: 'message', text: 'sentinel' } }, { token: acme.owner });
  expect(sentinel.status).toBe(200);
  await listening.nextPush('incoming_event', (f) => f.payload.event?.text === 'sentinel', 20_000);
  // Besides its status, the listener got only the customers it monitors, answering its own login, and (on a
  // loaded machine, fan-out lagging behind the login) late pushes of its own organization's setup: its agents
  // created and the chat's first thread. Nothing the probes did, nothing of the second organization.
  const setup = new Set(['routing_status_set', 'incoming_customers', 'agent_created', 'incoming_customer']);
  const heard = listening.pushes.filter((p) => !setup.has(p.action) && !(p.action === 'incoming_chat' && p.payload.chat?.thread?.id === target.thread));
  expect(heard.map((p) => p.action)).toEqual([]);
  const strangers = [other.organizationId, ...Object.values(other.ids), 'stolen'];
  expect(strangers.filter((s) => JSON.stringify(listening.pushes).includes(s))).toEqual([]);
  listening.close();
}
