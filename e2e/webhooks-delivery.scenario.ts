import { callWeb, ReceivedWebhook, scrapeMetrics, waitFor, WebhookReceiver } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';

export interface DeliveryUrls {
  configuration: string;
  customer: string;
  agent: string;
}

/** An organization with a token of its default application, and what an integration does with it. */
export interface Integration {
  organizationId: string;
  ownerToken: string;
  clientId: string;
  urls: DeliveryUrls;
}

export async function integration(urls: DeliveryUrls, adminToken: string, name: string): Promise<Integration> {
  const { organizationId, ownerToken } = await createOrganization(urls.configuration, adminToken, name);
  const response = await fetch(`${urls.configuration}/auth/applications`, { headers: { Authorization: `Bearer ${ownerToken}` } });
  const clientId = ((await response.json()) as Array<{ client_id: string }>)[0].client_id;
  return { organizationId, ownerToken, clientId, urls };
}

export async function register(team: Integration, webhook: Record<string, unknown>): Promise<string> {
  const reply = await callWeb(team.urls.configuration, 'configuration', 'register_webhook', { type: 'license', secret_key: 'sekret', owner_client_id: team.clientId, ...webhook }, { token: team.ownerToken });
  expect(reply.status).toBe(200);
  return reply.body.id;
}

/** A customer with a chat: the first message starts it, `say` sends the next ones (each answered before the next). */
export async function customerChat(team: Integration, first: string) {
  const customer = await customerToken(team.urls.customer, team.organizationId);
  const options = { token: customer.access_token, organizationId: team.organizationId };
  const started = await callWeb(team.urls.customer, 'customer', 'start_chat', { chat: { thread: { events: [{ type: 'message', text: first }] } } }, options);
  expect(started.status).toBe(200);
  const chatId: string = started.body.chat_id;
  const say = async (text: string) => {
    const sent = await callWeb(team.urls.customer, 'customer', 'send_event', { chat_id: chatId, event: { type: 'message', text } }, options);
    expect(sent.status).toBe(200);
  };
  return { chatId, customerId: customer.entity_id, say };
}

const texts = (webhooks: ReceivedWebhook[]) => webhooks.map((w) => w.body.payload.event.text as string);

/** The accepted `incoming_event` deliveries of a chat, deduplicated, in the order they arrived. */
const eventsOf = (receiver: WebhookReceiver, webhookId: string, chatId: string) =>
  receiver.accepted((w) => w.body.webhook_id === webhookId && w.body.action === 'incoming_event' && w.body.payload.chat_id === chatId);

/**
 * A license webhook as an integration sees it: a signed LiveChat envelope
 * with the secret and the additional data asked for, filters applied, every
 * message once, nothing while the application's license webhooks are
 * disabled, and the delivery log through the operations API.
 */
export async function checkDeliveries(urls: DeliveryUrls, adminToken: string, name: string): Promise<void> {
  const receiver = await WebhookReceiver.start();
  try {
    const team = await integration(urls, adminToken, name);
    const customerEvents = await register(team, {
      action: 'incoming_event',
      url: receiver.url,
      filters: { author_type: 'customer' },
      additional_data: ['chat_presence_user_ids', 'chat_properties'],
    });
    const chats = await register(team, { action: 'incoming_chat', url: receiver.url });
    const chat = await customerChat(team, 'Hello');
    await chat.say('Is anyone there?');
    const started = await waitFor(() => receiver.accepted((w) => w.body.webhook_id === chats)[0], 20_000);
    expect(started.body).toMatchObject({ action: 'incoming_chat', organization_id: team.organizationId, secret_key: 'sekret', payload: { chat: { id: chat.chatId } }, additional_data: {} });
    await waitFor(() => eventsOf(receiver, customerEvents, chat.chatId).length === 1, 20_000);
    const [first] = eventsOf(receiver, customerEvents, chat.chatId);
    expect(first.signed).toBe(true);
    expect(first.deliveryId).toMatch(/^[0-9a-f]{32}$/);
    expect(first.body).toMatchObject({
      webhook_id: customerEvents,
      secret_key: 'sekret',
      action: 'incoming_event',
      organization_id: team.organizationId,
      payload: { chat_id: chat.chatId, event: { type: 'message', text: 'Is anyone there?', author_id: chat.customerId } },
    });
    expect(first.body.additional_data.chat_presence_user_ids).toContain(chat.customerId);
    expect(first.body.additional_data).toHaveProperty('chat_properties');

    // Disabled license webhooks deliver nothing for what happens meanwhile; enabled again, they deliver.
    const state = (action: string) => callWeb(urls.configuration, 'configuration', action, { owner_client_id: team.clientId }, { token: team.ownerToken });
    expect((await state('disable_license_webhooks')).status).toBe(200);
    await chat.say('Not for the webhook');
    expect((await state('enable_license_webhooks')).status).toBe(200);
    await chat.say('For the webhook again');
    await waitFor(() => eventsOf(receiver, customerEvents, chat.chatId).length === 2, 20_000);
    expect(texts(eventsOf(receiver, customerEvents, chat.chatId))).toEqual(['Is anyone there?', 'For the webhook again']);
    expect(receiver.requests.every((r) => r.signed)).toBe(true);
  } finally {
    await receiver.close();
  }
}

/** The dispatchers' counters, summed over the replicas that serve `/metrics` at `metricsUrls`. */
async function dispatcherCounters(metricsUrls: string[]) {
  const scrapes = await Promise.all(metricsUrls.map((url) => scrapeMetrics(url)));
  const sum = (name: string, labels: Record<string, string> = {}) => scrapes.reduce((total, s) => total + s.value(name, labels), 0);
  return {
    delivered: sum('switchboard_webhook_deliveries_total', { outcome: 'delivered' }),
    failed: sum('switchboard_webhook_deliveries_total', { outcome: 'failed' }),
    retries: sum('switchboard_webhook_retries_total'),
    timed: sum('switchboard_webhook_event_to_delivery_seconds_count'),
    gauges: scrapes.every((s) => ['switchboard_webhook_pending', 'switchboard_webhook_oldest_pending_seconds', 'switchboard_webhook_dead'].every((n) => s.text.includes(`${n} `))),
  };
}

/**
 * A receiver that is down for a while (an hour on the accelerated clock):
 * afterwards it gets every message of every chat exactly once after
 * deduplication by delivery id, each chat in order; the dispatchers' metrics
 * count the failures, the retries and the deliveries.
 */
export async function checkOutage(urls: DeliveryUrls, adminToken: string, name: string, downForMs: number, metricsUrls: string[]): Promise<void> {
  const before = await dispatcherCounters(metricsUrls);
  let down = true;
  const receiver = await WebhookReceiver.start(() => ({ status: down ? 503 : 200 }));
  try {
    const team = await integration(urls, adminToken, name);
    const hook = await register(team, { action: 'incoming_event', url: receiver.url, filters: { author_type: 'customer' } });
    const chats = [await customerChat(team, 'a0'), await customerChat(team, 'b0'), await customerChat(team, 'c0')];
    const wentDown = Date.now();
    for (let n = 1; n <= 6; n++) for (const [i, chat] of chats.entries()) await chat.say(`${'abc'[i]}${n}`);
    await waitFor(() => receiver.requests.filter((r) => r.status === 503).length >= 6, 30_000);
    await waitFor(() => Date.now() - wentDown >= downForMs, downForMs + 1000, 100);
    down = false;
    for (const [i, chat] of chats.entries()) {
      await waitFor(() => eventsOf(receiver, hook, chat.chatId).length >= 6, 60_000);
      expect(texts(eventsOf(receiver, hook, chat.chatId))).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${'abc'[i]}${n}`));
    }
    const accepted = receiver.accepted((w) => w.body.webhook_id === hook);
    expect(accepted).toHaveLength(18);
    // Retried: the first ones failed several times before the receiver came back.
    expect(Math.max(...accepted.map((w) => w.attempt))).toBeGreaterThan(2);
    const failures = receiver.requests.filter((r) => r.status === 503).length;
    const after = (await waitFor(async () => {
      const counters = await dispatcherCounters(metricsUrls);
      return counters.delivered - before.delivered >= 18 ? counters : undefined;
    }, 10_000))!;
    expect(after.failed - before.failed).toBeGreaterThanOrEqual(failures);
    expect(after.retries - before.retries).toBeGreaterThanOrEqual(failures);
    expect(after.timed - before.timed).toBeGreaterThanOrEqual(18);
    expect(after.gauges).toBe(true);
  } finally {
    await receiver.close();
  }
}

/** A receiver answering in 5 s does not slow down another one: the fast one gets each message within a second or two. */
export async function checkSlowReceiver(urls: DeliveryUrls, adminToken: string, name: string): Promise<void> {
  const slow = await WebhookReceiver.start(() => ({ status: 200, delayMs: 5000 }));
  const fast = await WebhookReceiver.start();
  try {
    const team = await integration(urls, adminToken, name);
    await register(team, { action: 'incoming_event', url: slow.url, filters: { author_type: 'customer' } });
    const fastHook = await register(team, { action: 'incoming_event', url: fast.url, filters: { author_type: 'customer' } });
    const chats = await Promise.all(Array.from({ length: 12 }, (_, i) => customerChat(team, `start ${i}`)));
    const sent: Array<{ chatId: string; at: number }> = [];
    for (const chat of chats) {
      await chat.say('hurry');
      sent.push({ chatId: chat.chatId, at: Date.now() });
    }
    await waitFor(() => fast.accepted((w) => w.body.webhook_id === fastHook).length === 12, 20_000);
    for (const { chatId, at } of sent) {
      const [delivery] = eventsOf(fast, fastHook, chatId);
      expect(delivery.at - at).toBeLessThan(2500);
    }
    // Twelve chats to the slow one: eight at a time, so not all of them yet.
    expect(slow.accepted().length).toBeLessThan(12);
    await waitFor(() => slow.accepted().length === 12, 30_000);
  } finally {
    await Promise.all([slow.close(), fast.close()]);
  }
}

/**
 * A bot webhook follows its bot: delivered while the bot is accepting or not
 * accepting chats, nothing while it is offline (a license webhook shows the
 * messages happened), delivered again once it is back.
 */
export async function checkBotWebhooks(urls: DeliveryUrls, adminToken: string, name: string): Promise<void> {
  const receiver = await WebhookReceiver.start();
  try {
    const team = await integration(urls, adminToken, name);
    const bot = await callWeb(urls.configuration, 'configuration', 'create_bot', { name: 'Helper' }, { token: team.ownerToken });
    expect(bot.status).toBe(200);
    const botId: string = bot.body.id;
    const status = async (value: string) =>
      expect(await callWeb(urls.agent, 'agent', 'set_routing_status', { status: value }, { token: team.ownerToken, headers: { 'X-Author-Id': botId } })).toEqual({ status: 200, body: {} });
    const botHook = await register(team, { type: 'bot', action: 'incoming_event', url: receiver.url, filters: { author_type: 'customer' } });
    const control = await register(team, { action: 'incoming_event', url: receiver.url, filters: { author_type: 'customer' } });
    const chat = await customerChat(team, 'hi');
    const said = (hook: string) => texts(eventsOf(receiver, hook, chat.chatId));

    // A new bot is offline: its webhooks wait for a status.
    await chat.say('before any status');
    await waitFor(() => said(control).length === 1, 20_000);
    await status('not_accepting_chats');
    await chat.say('bot not accepting');
    await waitFor(() => said(botHook).length === 1, 20_000);
    await status('offline');
    await chat.say('bot offline');
    await waitFor(() => said(control).length === 3, 20_000);
    await status('accepting_chats');
    await chat.say('bot back');
    // Two webhooks: neither waits for the other, so wait for both.
    await waitFor(() => said(botHook).length === 2 && said(control).length === 4, 20_000);
    expect(said(botHook)).toEqual(['bot not accepting', 'bot back']);
    expect(said(control)).toEqual(['before any status', 'bot not accepting', 'bot offline', 'bot back']);
  } finally {
    await receiver.close();
  }
}

/**
 * A dispatcher replica killed (SIGKILL) while deliveries are in flight: every
 * message still arrives, each chat in order after deduplication; what is
 * repeated carries the same delivery id. Resolves with how many requests were repeats.
 */
export async function checkReplicaKilled(urls: DeliveryUrls, adminToken: string, name: string, kill: () => Promise<void>): Promise<number> {
  const receiver = await WebhookReceiver.start(() => ({ status: 200, delayMs: 50 }));
  try {
    const team = await integration(urls, adminToken, name);
    const hook = await register(team, { action: 'incoming_event', url: receiver.url, filters: { author_type: 'customer' } });
    const chats = await Promise.all(['a', 'b', 'c', 'd'].map((letter) => customerChat(team, `${letter}0`)));
    const messages = 12;
    const sending = Promise.all(
      chats.map(async (chat, i) => {
        for (let n = 1; n <= messages; n++) await chat.say(`${'abcd'[i]}${n}`);
      }),
    );
    await waitFor(() => receiver.accepted().length >= 8, 30_000);
    await kill();
    await sending;
    for (const [i, chat] of chats.entries()) {
      await waitFor(() => eventsOf(receiver, hook, chat.chatId).length >= messages, 90_000);
      expect(texts(eventsOf(receiver, hook, chat.chatId))).toEqual(Array.from({ length: messages }, (_, n) => `${'abcd'[i]}${n + 1}`));
    }
    const accepted = receiver.accepted((w) => w.body.webhook_id === hook);
    expect(accepted).toHaveLength(chats.length * messages);
    return receiver.requests.length - accepted.length;
  } finally {
    await receiver.close();
  }
}
