import type { LoggedDelivery } from '@switchboard/read-models';
import { callWeb, waitFor, WebhookReceiver } from '@switchboard/testing';
import { customerChat, DeliveryUrls, Integration, integration, register } from './webhooks-delivery.scenario';

/** The dispatcher settings these checks need: a delivery failing for 6 s is dead; the schedule on a real clock (1 s, 2 s, 4 s …). */
export const OPERATIONS_SETTINGS = { WEBHOOK_RETRY_FOR_MS: '6000', WEBHOOK_TIME_SCALE: '1', WEBHOOK_SWEEP_MS: '100', RATE_LIMITS: 'off' };


/** Polls until `look` finds something. */
async function found<T>(look: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  return (await waitFor(look, timeoutMs)) as T;
}

/** Calls an operations action for the team's own application. */
const operate = (team: Integration, action: string, payload: Record<string, unknown>) =>
  callWeb(team.urls.configuration, 'configuration', action, { owner_client_id: team.clientId, ...payload }, { token: team.ownerToken });

/** The webhook's whole delivery log, newest first. */
async function deliveryLog(team: Integration, webhookId: string, filters: Record<string, unknown> = {}): Promise<LoggedDelivery[]> {
  const reply = await operate(team, 'switchboard_list_webhook_deliveries', { webhook_id: webhookId, limit: 100, ...filters });
  expect(reply.status).toBe(200);
  return reply.body.deliveries;
}

/** A receiver that fails (503) the webhooks in `failing`, and a team with an `incoming_event` webhook of customer messages to it. */
async function setUp(urls: DeliveryUrls, adminToken: string, name: string) {
  const failing = new Set<string>();
  const receiver = await WebhookReceiver.start(({ webhookId }) => ({ status: failing.has(webhookId) ? 503 : 200 }));
  const team = await integration(urls, adminToken, name);
  const hook = () => register(team, { action: 'incoming_event', url: receiver.url, filters: { author_type: 'customer' } });
  const said = (webhookId: string, chatId: string) =>
    receiver.accepted((w) => w.body.webhook_id === webhookId && w.body.payload.chat_id === chatId).map((w) => w.body.payload.event.text as string);
  return { failing, receiver, team, hook, said };
}

/**
 * The delivery log of a failing receiver shows the attempts and the last
 * error; "retry now" delivers at once once the receiver is back, before the
 * back-off would have; a delivery that failed for the whole retry period is
 * dead, and replayed it is delivered with its delivery id.
 */
export async function checkRetryAndDeadLetters(urls: DeliveryUrls, adminToken: string, name: string): Promise<void> {
  const { failing, receiver, team, hook, said } = await setUp(urls, adminToken, name);
  try {
    const retried = await hook();
    const dying = await hook();
    failing.add(retried).add(dying);
    const chat = await customerChat(team, 'hi');
    await chat.say('Anyone?');

    // Failed twice: the next attempt is a second or two away.
    const failed = await found(async () => {
      const [delivery] = await deliveryLog(team, retried);
      return delivery?.status === 'pending' && delivery.attempts >= 2 && Date.parse(delivery.next_attempt_at!) - Date.now() > 700 ? delivery : undefined;
    }, 20_000);
    expect(failed).toMatchObject({ action: 'incoming_event', last_status: 503, last_error: 'HTTP 503' });
    expect(failed.latency_ms).toEqual(expect.any(Number));
    failing.delete(retried);
    expect((await operate(team, 'switchboard_retry_webhook_deliveries', { webhook_id: retried })).body).toEqual({ retried: 1 });
    await waitFor(() => said(retried, chat.chatId).length === 1, 10_000);
    const [delivered] = await found(async () => {
      const log = await deliveryLog(team, retried);
      return log[0]?.status === 'delivered' ? log : undefined;
    }, 10_000);
    expect(Date.parse(delivered.delivered_at!)).toBeLessThan(Date.parse(failed.next_attempt_at!));
    expect(delivered).toMatchObject({ id: failed.id, attempts: failed.attempts + 1, last_status: 200 });
    expect(delivered).not.toHaveProperty('next_attempt_at');
    expect(delivered).not.toHaveProperty('last_error');

    // The other one fails until its retry period is over: dead. Replayed, it goes out again under the same delivery id.
    const [dead] = await found(async () => {
      const log = await deliveryLog(team, dying, { status: 'dead' });
      return log.length === 1 ? log : undefined;
    }, 20_000);
    expect(dead).toMatchObject({ status: 'dead', last_status: 503, last_error: 'HTTP 503' });
    expect(dead.attempts).toBeGreaterThanOrEqual(2);
    expect(dead).not.toHaveProperty('next_attempt_at');
    expect(said(dying, chat.chatId)).toEqual([]);
    failing.delete(dying);
    expect((await operate(team, 'switchboard_replay_webhook_deliveries', { webhook_id: dying })).body).toEqual({ replayed: 1 });
    await waitFor(() => said(dying, chat.chatId).length === 1, 10_000);
    const replayed = receiver.accepted((w) => w.body.webhook_id === dying);
    expect(replayed.map((w) => [w.deliveryId, w.attempt])).toEqual([[dead.id, 1]]);
    await waitFor(async () => (await deliveryLog(team, dying))[0]?.status === 'delivered', 10_000);
    expect((await operate(team, 'switchboard_replay_webhook_deliveries', { webhook_id: dying })).body).toEqual({ replayed: 0 });
  } finally {
    await receiver.close();
  }
}

/**
 * A time range of delivered deliveries replayed: each is delivered again as a
 * new delivery (a new delivery id, `replay_of` the original), in order; the
 * log pages newest first.
 */
export async function checkTimeRangeReplay(urls: DeliveryUrls, adminToken: string, name: string): Promise<void> {
  const { receiver, team, hook, said } = await setUp(urls, adminToken, name);
  try {
    const webhookId = await hook();
    const chat = await customerChat(team, 'hi');
    await chat.say('one');
    await waitFor(() => said(webhookId, chat.chatId).length === 1, 20_000);
    const from = new Date().toISOString();
    for (const text of ['two', 'three', 'four']) await chat.say(text);
    await waitFor(() => said(webhookId, chat.chatId).length === 4, 20_000);
    const to = new Date().toISOString();
    await waitFor(async () => (await deliveryLog(team, webhookId, { status: 'delivered' })).length === 4, 10_000);

    // Pages of two, newest first, each delivery once.
    const first = await operate(team, 'switchboard_list_webhook_deliveries', { webhook_id: webhookId, limit: 2 });
    expect(first.body.deliveries).toHaveLength(2);
    const second = await operate(team, 'switchboard_list_webhook_deliveries', { webhook_id: webhookId, page_id: first.body.next_page_id });
    expect(second.body.deliveries).toHaveLength(2);
    expect(second.body).not.toHaveProperty('next_page_id');
    const paged: LoggedDelivery[] = [...first.body.deliveries, ...second.body.deliveries];
    expect(paged.map((d) => d.id)).toEqual((await deliveryLog(team, webhookId)).map((d) => d.id));
    expect(paged.map((d) => Date.parse(d.created_at))).toEqual(paged.map((d) => Date.parse(d.created_at)).sort((a, b) => b - a));
    const inRange = await deliveryLog(team, webhookId, { from, to });
    expect(inRange).toHaveLength(3);

    const replay = await operate(team, 'switchboard_replay_webhook_deliveries', { webhook_id: webhookId, status: 'delivered', from, to });
    expect(replay.body).toEqual({ replayed: 3 });
    await waitFor(() => said(webhookId, chat.chatId).length === 7, 20_000);
    expect(said(webhookId, chat.chatId)).toEqual(['one', 'two', 'three', 'four', 'two', 'three', 'four']);
    const copies = receiver.accepted((w) => w.body.webhook_id === webhookId).slice(4);
    const originals = new Set(inRange.map((d) => d.id));
    expect(copies.every((w) => !originals.has(w.deliveryId))).toBe(true);
    const log = await found(async () => {
      const all = await deliveryLog(team, webhookId);
      return all.filter((d) => d.replay_of && d.status === 'delivered').length === 3 ? all : undefined;
    }, 10_000);
    expect(log.filter((d) => d.replay_of).map((d) => d.replay_of).sort()).toEqual([...originals].sort());
    expect(log.filter((d) => d.replay_of).map((d) => d.id).sort()).toEqual(copies.map((w) => w.deliveryId).sort());
  } finally {
    await receiver.close();
  }
}

/** A paused webhook's deliveries are recorded and not sent (another webhook gets the same messages); resumed, it gets them all, in order. */
export async function checkPauseAndResume(urls: DeliveryUrls, adminToken: string, name: string): Promise<void> {
  const { receiver, team, hook, said } = await setUp(urls, adminToken, name);
  try {
    const paused = await hook();
    const control = await hook();
    const chat = await customerChat(team, 'hi');
    await chat.say('before');
    await waitFor(() => said(paused, chat.chatId).length === 1, 20_000);
    expect((await operate(team, 'switchboard_pause_webhook', { webhook_id: paused })).body).toEqual({});
    expect((await operate(team, 'switchboard_pause_webhook', { webhook_id: paused })).body).toEqual({});
    for (const text of ['a', 'b', 'c']) await chat.say(text);
    await waitFor(() => said(control, chat.chatId).length === 4, 20_000);
    await waitFor(async () => (await deliveryLog(team, paused, { status: 'pending' })).length === 3, 10_000);
    expect(said(paused, chat.chatId)).toEqual(['before']);

    expect((await operate(team, 'switchboard_resume_webhook', { webhook_id: paused })).body).toEqual({});
    await waitFor(() => said(paused, chat.chatId).length === 4, 20_000);
    expect(said(paused, chat.chatId)).toEqual(['before', 'a', 'b', 'c']);
    await chat.say('after');
    await waitFor(() => said(paused, chat.chatId).length === 5, 20_000);
    expect(receiver.accepted((w) => w.body.webhook_id === paused)).toHaveLength(5);
  } finally {
    await receiver.close();
  }
}

/** Another organization's webhook is `not_found` to every operation; bad requests are `validation` errors naming the field. */
export async function checkOperationsRefused(urls: DeliveryUrls, adminToken: string, name: string): Promise<void> {
  const { receiver, team, hook } = await setUp(urls, adminToken, `${name}A`);
  try {
    const webhookId = await hook();
    const other = await integration(urls, adminToken, `${name}B`);
    const actions = {
      switchboard_list_webhook_deliveries: {},
      switchboard_retry_webhook_deliveries: {},
      switchboard_replay_webhook_deliveries: { status: 'any' },
      switchboard_pause_webhook: {},
      switchboard_resume_webhook: {},
    };
    for (const [action, payload] of Object.entries(actions)) {
      const theirs = await operate(other, action, { webhook_id: webhookId, ...payload });
      expect([action, theirs.status, theirs.body.error?.type]).toEqual([action, 404, 'not_found']);
      const unknown = await operate(team, action, { webhook_id: 'no-such-webhook', ...payload });
      expect([action, unknown.body.error?.type]).toEqual([action, 'not_found']);
      // Naming the first organization's application is refused like an unknown one.
      const foreignClient = await operate(other, action, { webhook_id: webhookId, owner_client_id: team.clientId, ...payload });
      expect([action, foreignClient.status, foreignClient.body.error?.type]).toEqual([action, 400, 'validation']);
    }

    const invalid = async (action: string, payload: Record<string, unknown>, field: string) => {
      const reply = await operate(team, action, payload);
      expect([action, reply.status, reply.body.error?.type]).toEqual([action, 400, 'validation']);
      expect(reply.body.error.message).toContain(field);
    };
    await invalid('switchboard_list_webhook_deliveries', {}, 'webhook_id');
    await invalid('switchboard_list_webhook_deliveries', { webhook_id: webhookId, limit: 0 }, 'limit');
    await invalid('switchboard_list_webhook_deliveries', { webhook_id: webhookId, limit: 101 }, 'limit');
    await invalid('switchboard_list_webhook_deliveries', { webhook_id: webhookId, status: 'lost' }, 'status');
    await invalid('switchboard_list_webhook_deliveries', { webhook_id: webhookId, from: 'yesterday' }, 'from');
    await invalid('switchboard_list_webhook_deliveries', { webhook_id: webhookId, from: '2024-05-02T00:00:00Z', to: '2024-05-01T00:00:00Z' }, 'to');
    await invalid('switchboard_list_webhook_deliveries', { webhook_id: webhookId, page_id: 'forged.page' }, 'page_id');
    await invalid('switchboard_retry_webhook_deliveries', { webhook_id: webhookId, ids: [] }, 'ids');
    await invalid('switchboard_replay_webhook_deliveries', { webhook_id: webhookId, status: 'pending' }, 'status');
    await invalid('switchboard_pause_webhook', { webhook_id: webhookId, owner_client_id: '' }, 'owner_client_id');
    // A page id of another webhook's log is not this one's.
    const otherHook = await hook();
    const chat = await customerChat(team, 'hi');
    for (const text of ['one', 'two']) await chat.say(text);
    await waitFor(async () => (await deliveryLog(team, otherHook)).length === 2, 20_000);
    const page = await operate(team, 'switchboard_list_webhook_deliveries', { webhook_id: otherHook, limit: 1 });
    await invalid('switchboard_list_webhook_deliveries', { webhook_id: webhookId, page_id: page.body.next_page_id }, 'page_id');
  } finally {
    await receiver.close();
  }
}
