import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { Frame, RtmClient } from '../../libs/testing/src/livechat-client';
import { spawnApp, SpawnedApp } from '../../libs/testing/src/spawn-app';
import { BENCH_NATS_URL, scratchDatabase, token } from './bench-env';

export interface ConversationResult {
  mode: 'embedded' | 'distributed';
  pairs: number;
  seconds: number;
  delivered: number;
  perSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  errors: number;
  errorTypes: Record<string, number>;
}

interface Urls {
  configuration: string;
  customer: string;
  agent: string[];
}

async function post(url: string, body: unknown, bearer?: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(bearer && { Authorization: `Bearer ${bearer}` }) },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${url}: ${JSON.stringify(json)}`);
  return json;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : 0);

/**
 * `pairs` agents and `pairs` customers, each over RTM, one chat per pair;
 * for `seconds`, both sides of every chat send `send_event` in a closed loop
 * and the counterpart's `incoming_event` push is timed (send → push).
 */
export async function exchange(urls: Urls, adminToken: string, pairs: number, seconds: number) {
  const org = await post(`${urls.configuration}/admin/organizations`, { name: 'Bench', owner_id: 'owner@bench.example' }, adminToken);
  const organizationId = org.organization_id as string;
  const owner = org.owner.access_token as string;
  const agents: RtmClient[] = [];
  const customers: RtmClient[] = [];
  for (let i = 0; i < pairs; i++) {
    const id = `agent${i}@bench.example`;
    await post(`${urls.configuration}/v3.4/configuration/action/create_agent`, { id, name: `Agent ${i}`, max_chats_count: 1 }, owner);
    const agentToken = (await post(`${urls.configuration}/auth/agent_token`, { agent_id: id }, owner)).access_token;
    const agent = await RtmClient.connect(urls.agent[i % urls.agent.length], 'agent');
    await agent.request('login', { token: `Bearer ${agentToken}` });
    agent.userId = id;
    await agent.request('set_routing_status', { status: 'accepting_chats' });
    agents.push(agent);
  }
  const chatOf = new Map<RtmClient, string>();
  for (let i = 0; i < pairs; i++) {
    const customerToken = (await post(`${urls.customer}/customer/token`, { organization_id: organizationId })).access_token;
    const customer = await RtmClient.connect(urls.customer, 'customer', organizationId);
    customer.userId = (await customer.request('login', { token: `Bearer ${customerToken}` })).payload.customer.id;
    const started = await customer.request('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'hello' }] } } });
    chatOf.set(customer, started.payload.chat_id);
    customers.push(customer);
  }
  // Each agent gets exactly one chat (max_chats_count 1).
  await Promise.all(
    agents.map(async (agent) => chatOf.set(agent, (await agent.nextPush('incoming_chat', () => true, 30000)).payload.chat.id)),
  );

  const latencies: number[] = [];
  let errors = 0;
  const errorTypes: Record<string, number> = {};
  let measuring = true;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  const participants = [...agents, ...customers];
  for (const participant of participants) {
    participant.onPush = (frame: Frame) => {
      if (frame.action !== 'incoming_event' || !measuring) return;
      const sentAt = Number(frame.payload.event.custom_id);
      // Only the counterpart's messages count (each side also hears its own).
      if (sentAt && frame.payload.event.author_id !== participant.userId) latencies.push(performance.now() - sentAt);
    };
  }
  await Promise.all(
    participants.map(async (participant) => {
      const chatId = chatOf.get(participant)!;
      while (Date.now() < deadline) {
        const response = await participant
          .request('send_event', { chat_id: chatId, event: { type: 'message', text: 'benchmark message', custom_id: String(performance.now()) } })
          .catch(() => undefined);
        if (!response?.success) {
          errors++;
          const type = response ? String(response.payload?.error?.type) : 'no_response';
          errorTypes[type] = (errorTypes[type] ?? 0) + 1;
        }
      }
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  measuring = false;
  const elapsed = (Date.now() - started) / 1000;
  for (const participant of participants) participant.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    delivered: latencies.length,
    perSecond: latencies.length / elapsed,
    latencyMs: { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? 0 },
    errors,
    errorTypes,
  };
}

export async function benchEmbedded(pairs: number, seconds: number): Promise<ConversationResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-embedded-'));
  const app = await spawnApp('switchboard', { DATA_DIR: dir, LOG_LEVEL: 'log' });
  try {
    const admin = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
    const result = await exchange({ configuration: app.url, customer: app.url, agent: [app.url] }, admin, pairs, seconds);
    return { mode: 'embedded', pairs, seconds, ...result };
  } finally {
    await app.stop('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchDistributed(pairs: number, seconds: number): Promise<ConversationResult> {
  const scratch = await scratchDatabase();
  const suffix = token();
  const env = {
    DATABASE_URL: scratch.url,
    NATS_URL: BENCH_NATS_URL,
    EVENTS_STREAM: `BENCHCONV_${suffix}`,
    EVENTS_SUBJECT_PREFIX: `benchconv${suffix}`,
    ADMIN_TOKEN: `bench-${suffix}`,
    DATABASE_POOL_SIZE: '10',
  };
  const names = ['configuration', 'customer-gateway', 'router', 'event-relay', 'agent-gateway', 'agent-gateway'];
  let apps: SpawnedApp[] = [];
  try {
    apps = await Promise.all(names.map((name, i) => spawnApp(name, env, { label: `${name}#${i}`, timeoutMs: 60000 })));
    const url = (name: string) => apps.filter((a) => a.name.startsWith(`${name}#`)).map((a) => a.url);
    const urls = { configuration: url('configuration')[0], customer: url('customer-gateway')[0], agent: url('agent-gateway') };
    const result = await exchange(urls, env.ADMIN_TOKEN, pairs, seconds);
    if (result.errors > 0) {
      for (const app of apps) {
        const failures = app.output().split('\n').filter((line) => /"level":"(error|fatal)"|ERROR/.test(line)).slice(0, 3);
        if (failures.length) console.error(`${app.name}:\n${failures.join('\n')}`);
      }
    }
    return { mode: 'distributed', pairs, seconds, ...result };
  } finally {
    await Promise.all(apps.map((app) => app.stop('SIGTERM')));
    const nc = await connect({ servers: BENCH_NATS_URL });
    await (await nc.jetstreamManager()).streams.delete(env.EVENTS_STREAM).catch(() => undefined);
    await nc.close();
    await scratch.drop();
  }
}
