import { RtmClient } from '../../libs/testing/src/livechat-client';
import { createAgent, createOrganization, customerToken, Failures } from './bench-client';
import { Deployment } from './deployment';

export interface LongChatResult {
  /** Events the long chat held when its measurement started. */
  events: number;
  newChatPerSecond: number;
  longChatPerSecond: number;
  /** long / new: 1 means a chat's length costs nothing. */
  ratio: number;
  errors: number;
}

const EVENTS = 10_000;
/**
 * Senders into one chat: its agent and its customer, each one RTM
 * connection with this many `send_event` in flight (a closed loop each):
 * 8 concurrent writers on one chat stream, for both chats alike.
 */
const SENDERS_PER_SIDE = 4;
/** Filling: requests in flight per connection, under the 10 pending an RTM connection may have. */
const FILL_IN_FLIGHT = 8;

type Sides = [agent: RtmClient, customer: RtmClient];

async function send(client: RtmClient, chatId: string, failures: Failures): Promise<boolean> {
  const response = await client.request('send_event', { chat_id: chatId, event: { type: 'message', text: 'long chat message' } }).catch(() => undefined);
  failures.add(response?.success ? undefined : response ? String(response.payload?.error?.type) : 'no_response');
  return response?.success === true;
}

/** `send_event` answered into `chatId` in `seconds`, `SENDERS_PER_SIDE` closed loops on each side. */
async function sendFor(sides: Sides, chatId: string, seconds: number, failures: Failures): Promise<{ sent: number; seconds: number }> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let sent = 0;
  await Promise.all(
    sides.flatMap((side) =>
      Array.from({ length: SENDERS_PER_SIDE }, async () => {
        while (performance.now() < deadline) if (await send(side, chatId, failures)) sent++;
      }),
    ),
  );
  return { sent, seconds: (performance.now() - started) / 1000 };
}

async function fill(sides: Sides, chatId: string, count: number, failures: Failures): Promise<void> {
  let next = 0;
  await Promise.all(
    sides.flatMap((side) =>
      Array.from({ length: FILL_IN_FLIGHT }, async () => {
        while (next < count) {
          next++;
          if (!(await send(side, chatId, failures))) next--;
          if (failures.errors > 100) throw new Error(`filling the long chat fails: ${JSON.stringify(failures.errorTypes)}`);
        }
      }),
    ),
  );
}

/** An agent with two chats, each with its own customer; every client ignores its pushes. */
async function twoChats(deployment: Deployment): Promise<{ agent: RtmClient; chats: Array<{ id: string; customer: RtmClient }> }> {
  const { urls, adminToken } = deployment;
  const { organizationId, owner } = await createOrganization(urls, adminToken, 'Long');
  const agent = await RtmClient.connect(urls.agent[0], 'agent');
  await agent.request('login', { token: `Bearer ${await createAgent(urls, owner, 'long@long.example', 2)}` });
  await agent.request('set_routing_status', { status: 'accepting_chats' });
  const chats = [];
  for (let i = 0; i < 2; i++) {
    const customer = await RtmClient.connect(urls.customer, 'customer', organizationId);
    await customer.request('login', { token: `Bearer ${await customerToken(urls, organizationId)}` });
    const started = await customer.request('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'hello' }] } } });
    const id = started.payload.chat_id as string;
    await agent.nextPush('incoming_chat', (frame) => frame.payload.chat.id === id, 30000);
    customer.onPush = () => undefined;
    chats.push({ id, customer });
  }
  agent.onPush = () => undefined;
  return { agent, chats };
}

/**
 * `send_event` throughput into a chat already holding 10,000 events (filled
 * through the API) against the same into a new chat, same deployment, same
 * senders. Each chat gets `seconds` in two halves, in the order new, long,
 * long, new, so a drift over the run (warm-up, other load) favours neither.
 */
export async function benchLongChat(deployment: Deployment, seconds: number): Promise<LongChatResult> {
  const { agent, chats } = await twoChats(deployment);
  const [long, fresh] = chats;
  const failures = new Failures();
  try {
    const before = (await agent.request('get_chat', { chat_id: long.id })).payload.thread.events.length as number;
    await fill([agent, long.customer], long.id, EVENTS - before, failures);
    const totals = { new: { sent: 0, seconds: 0 }, long: { sent: 0, seconds: 0 } };
    for (const which of ['new', 'long', 'long', 'new'] as const) {
      const chat = which === 'new' ? fresh : long;
      const { sent, seconds: took } = await sendFor([agent, chat.customer], chat.id, seconds / 2, failures);
      totals[which].sent += sent;
      totals[which].seconds += took;
    }
    const newChatPerSecond = totals.new.sent / totals.new.seconds;
    const longChatPerSecond = totals.long.sent / totals.long.seconds;
    return { events: EVENTS, newChatPerSecond, longChatPerSecond, ratio: longChatPerSecond / newChatPerSecond, errors: failures.errors };
  } finally {
    for (const client of [agent, long.customer, fresh.customer]) client.close();
  }
}
