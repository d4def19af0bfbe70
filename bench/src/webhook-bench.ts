import { Agent, request } from 'undici';
import { latencySummary, sleep } from './bench-client';
import { measureRate } from './bench-env';
import { CountingReceiver } from './counting-receiver';
import { Deployment, startDistributed, startEmbedded } from './deployment';
import { CpuWindow } from './proc-stats';
import { profileArgs, writeProfileWindow } from './profiling';
import { CustomerChats, organizationWithWebhooks } from './webhook-load';

/** The dispatcher's requests in flight per receiver and replica (WEBHOOK_CONCURRENCY_PER_RECEIVER's default). */
export const IN_FLIGHT = 8;
const WEBHOOKS = 10;
const CHATS = Number(process.env.BENCH_WEBHOOK_CHATS ?? 10);
const WARM_UP_SECONDS = Number(process.env.BENCH_WEBHOOK_WARMUP ?? 3);
const DRAIN_TIMEOUT_MS = 180_000;
const DISTRIBUTED_APPS = ['configuration', 'customer-gateway', 'agent-gateway', 'event-relay', 'router', 'webhook-dispatcher'];

export interface WebhookThroughput {
  /** Deliveries the receiver accepted per second after the warm-up, and the slowest and fastest whole second. */
  deliveriesPerSecond: number;
  perSecondMin: number;
  perSecondMax: number;
  /** Messages accepted by send_event per second over the same window (each owes 10 deliveries). */
  messagesPerSecond: number;
  /** Deliveries owed but not yet received when sending stopped, and how long they took to arrive. */
  backlogAtStop: number;
  drainSeconds: number;
  /** The backlog's deliveries per second once sending stopped: the dispatcher without send_event traffic to compete with. */
  drainPerSecond: number;
  /** CPU (user + system) per delivery over the window, per Switchboard process. */
  cpuMsPerDelivery: number;
  cpuMsPerDeliveryByProcess: Record<string, number>;
  /** The window's CPU snapshots (for a profile's window). */
  cpu: CpuWindow;
  delivered: number;
  /** Requests repeated with a delivery id already accepted. */
  repeated: number;
  errors: number;
  errorTypes: Record<string, number>;
}

export interface WebhookLatency {
  messagesPerSecond: number;
  sent: number;
  /** Deliveries expected (sent × webhooks) and received. */
  expected: number;
  received: number;
  /** Receiver arrival − `payload.event.created_at` (the server's clock, ms precision). */
  fromCreatedAt: { p50: number; p99: number; max: number };
  /** Receiver arrival − the `send_event` response arriving at the client (after the commit). */
  fromResponse: { p50: number; p99: number; max: number };
  errors: number;
}

export interface WebhookModeResult {
  mode: 'embedded' | 'distributed';
  throughput: Omit<WebhookThroughput, 'cpu' | 'delivered'>;
  latency: WebhookLatency;
}

export interface WebhookBenchResult {
  webhooks: number;
  chats: number;
  seconds: number;
  warmUpSeconds: number;
  /** Raw undici POSTs of a captured delivery (same body and headers), 8 in flight, keep-alive, one receiver. */
  raw: { requestsPerSecond: number; bodyBytes: number; errors: number };
  embedded: WebhookModeResult;
  distributed: WebhookModeResult;
  errors: number;
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/** Raw baseline: the request the dispatcher makes, from a POST loop with the dispatcher's concurrency and keep-alive. */
export async function rawPosts(receiver: CountingReceiver, seconds: number): Promise<WebhookBenchResult['raw']> {
  const sample = receiver.sample!;
  const agent = new Agent({ connections: IN_FLIGHT, keepAliveTimeout: 30_000 });
  try {
    const { perSecond, errors } = await measureRate(IN_FLIGHT, seconds, async () => {
      const response = await request(receiver.url, { method: 'POST', dispatcher: agent, body: sample.body, headers: sample.headers });
      await response.body.dump();
      if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
      return 1;
    });
    return { requestsPerSecond: perSecond, bodyBytes: Buffer.byteLength(sample.body), errors };
  } finally {
    await agent.close();
  }
}

/** Closed loop from every chat for warm-up + `seconds`; deliveries counted over the last `seconds`; then the backlog drains. */
async function throughput(deployment: Deployment, chats: CustomerChats, receiver: CountingReceiver, seconds: number, owedBefore: number): Promise<WebhookThroughput> {
  const unique = () => receiver.accepted - receiver.repeated;
  const repeatedBefore = receiver.repeated;
  const loop = chats.closedLoop();
  await sleep(WARM_UP_SECONDS * 1000);
  const cpu = new CpuWindow(deployment.pids());
  const perSecond: number[] = [];
  let last = unique();
  const ticker = setInterval(() => {
    const now = unique();
    perSecond.push(now - last);
    last = now;
  }, 1000);
  const first = unique();
  const firstMessages = loop.sent();
  cpu.start();
  const started = performance.now();
  await sleep(seconds * 1000);
  const delivered = unique() - first;
  const messages = loop.sent() - firstMessages;
  const elapsed = (performance.now() - started) / 1000;
  cpu.stop();
  clearInterval(ticker);
  const { sent, failures } = await loop.stop();
  const owed = owedBefore + sent * WEBHOOKS;
  const backlogAtStop = owed - unique();
  const drainStarted = performance.now();
  const drained = await waitUntil(() => unique() >= owed, DRAIN_TIMEOUT_MS);
  if (!drained) failures.add('not_delivered');
  const drainSeconds = (performance.now() - drainStarted) / 1000;
  return {
    deliveriesPerSecond: delivered / elapsed,
    perSecondMin: Math.min(...perSecond),
    perSecondMax: Math.max(...perSecond),
    messagesPerSecond: messages / elapsed,
    backlogAtStop,
    drainSeconds,
    drainPerSecond: drainSeconds > 0 ? backlogAtStop / drainSeconds : 0,
    cpuMsPerDelivery: delivered ? cpu.totalMs / delivered : 0,
    cpuMsPerDeliveryByProcess: Object.fromEntries(Object.entries(cpu.byProcess).map(([label, ms]) => [label, delivered ? ms / delivered : 0])),
    cpu,
    delivered,
    repeated: receiver.repeated - repeatedBefore,
    ...failures,
  };
}

/** Open loop at `deliveriesPerSecond` (messages/s = that ÷ webhooks) for `seconds`; latency of every delivery. */
async function latency(chats: CustomerChats, receiver: CountingReceiver, deliveriesPerSecond: number, seconds: number): Promise<WebhookLatency> {
  const messagesPerSecond = Math.max(1, deliveriesPerSecond / WEBHOOKS);
  const total = Math.max(1, Math.round(messagesPerSecond * seconds));
  const arrivals: Array<{ n: number; at: number; fromCreatedAt: number }> = [];
  receiver.onRequest = ({ body, at, wallAt }) => {
    const event = JSON.parse(body).payload?.event;
    const [phase, n] = String(event?.custom_id ?? '').split(':');
    if (phase === 'open') arrivals.push({ n: Number(n), at, fromCreatedAt: wallAt - Date.parse(event.created_at) });
  };
  const { answered, failures } = await chats.openLoop(messagesPerSecond, total);
  const expected = (total - failures.errors) * WEBHOOKS;
  if (!(await waitUntil(() => arrivals.length >= expected, 60_000))) failures.add('not_delivered');
  receiver.onRequest = undefined;
  const fromResponse = arrivals.filter((a) => answered[a.n] !== undefined).map((a) => a.at - answered[a.n]);
  return {
    messagesPerSecond,
    sent: total,
    expected,
    received: arrivals.length,
    fromCreatedAt: latencySummary(arrivals.map((a) => a.fromCreatedAt)),
    fromResponse: latencySummary(fromResponse),
    errors: failures.errors,
  };
}

/**
 * One deployment: an organization with 10 license `incoming_event` webhooks
 * to one receiver, `CHATS` customer chats; the peak (closed loop), then the
 * latency at half the delivery rate it reached (open loop).
 */
export async function benchWebhookMode(mode: 'embedded' | 'distributed', receiver: CountingReceiver, seconds: number): Promise<WebhookModeResult> {
  const profile = profileArgs(`webhooks-${mode}`);
  const nodeArgs = profile?.nodeArgs ?? [];
  const deployment = mode === 'embedded' ? await startEmbedded({}, nodeArgs) : await startDistributed(DISTRIBUTED_APPS, {}, nodeArgs);
  try {
    const { organizationId } = await organizationWithWebhooks(deployment.urls, deployment.adminToken, receiver.url, WEBHOOKS);
    const chats = await CustomerChats.open(deployment.urls, organizationId, CHATS);
    try {
      // A first message reaches every webhook: the registrations are in force and the connections open.
      const before = receiver.accepted - receiver.repeated;
      const probe = await chats.send(0, 'probe');
      if (probe || !(await waitUntil(() => receiver.accepted - receiver.repeated >= before + WEBHOOKS, 60_000))) {
        throw new Error(`webhooks, ${mode}: the first message was not delivered to every webhook (${probe ?? 'timed out'})`);
      }
      const peak = await throughput(deployment, chats, receiver, seconds, before + WEBHOOKS);
      const atHalf = await latency(chats, receiver, peak.deliveriesPerSecond / 2, seconds);
      if (peak.errors + atHalf.errors > 0) deployment.printFailures();
      const { cpu, delivered, ...throughputFigures } = peak;
      if (profile) {
        const processes = Object.fromEntries(Object.entries(cpu.pids).map(([label, pid]) => [String(pid), label]));
        writeProfileWindow(profile.dir, { mode: `webhooks, ${mode} (per delivery)`, delivered, startUs: cpu.startUs, endUs: cpu.endUs, processes, cpuMs: cpu.byProcess });
      }
      return { mode, throughput: throughputFigures, latency: atHalf };
    } finally {
      chats.close();
    }
  } finally {
    await deployment.stop();
  }
}

/** `BENCH_ONLY=webhooks`: the dispatcher embedded and distributed against one local receiver, and the raw POST baseline. */
export async function benchWebhooks(seconds: number): Promise<WebhookBenchResult> {
  const receiver = await CountingReceiver.start();
  try {
    const embedded = await benchWebhookMode('embedded', receiver, seconds);
    const distributed = await benchWebhookMode('distributed', receiver, seconds);
    receiver.onRequest = undefined;
    const raw = await rawPosts(receiver, seconds);
    const errors = raw.errors + [embedded, distributed].reduce((sum, r) => sum + r.throughput.errors + r.latency.errors, 0);
    return { webhooks: WEBHOOKS, chats: CHATS, seconds, warmUpSeconds: WARM_UP_SECONDS, raw, embedded, distributed, errors };
  } finally {
    await receiver.close();
  }
}
