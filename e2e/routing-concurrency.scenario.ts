import { Pool } from 'pg';
import { callWeb, RtmClient, sleep } from '@switchboard/testing';
import { createOrganization, customerToken } from './conversation.scenario';
import { capacityViolations, doubleAssignments, endStateViolations, finalState, LoggedEvent } from './routing-concurrency.invariants';

/** A small, seeded generator (mulberry32): the same seed, the same run of choices. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ConcurrencyRun {
  urls: { configuration: string; customer: string; agent: string };
  adminToken: string;
  databaseUrl: string;
  seed: number;
  chats: number;
  agents: number;
  /** How long agents keep flipping, transferring and closing (ms). */
  durationMs: number;
  /** Called once, mid-run: kills a router. */
  midRun: () => Promise<void>;
}

/** An agent who lost its connection keeps its chats this long (reconnect_grace_s). */
const GRACE_S = 2;
/** After the grace period, a departed agent's chats must have moved on within this time. */
const MOVE_ON_MS = 5000;
/** After that, the routers get this long to settle every chat (assign what waits while seats are free). */
const SETTLE_MS = 20_000;

interface Agent {
  id: string;
  token: string;
  rtm?: RtmClient;
}

async function agentToken(configurationUrl: string, ownerToken: string, agentId: string): Promise<string> {
  const response = await fetch(`${configurationUrl}/auth/agent_token`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ownerToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ agent_id: agentId }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Runs `work` on every item, `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/**
 * The randomized concurrent run: customers start chats while agents flip
 * their routing status, go offline and come back, transfer and close chats;
 * a router is killed mid-run. Afterwards the invariants are checked from the
 * event log. Returns the violations (empty when the router held).
 */
export async function runConcurrently(run: ConcurrencyRun): Promise<string[]> {
  const random = seededRandom(run.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const { urls } = run;
  const { organizationId, ownerToken } = await createOrganization(urls.configuration, run.adminToken, 'Busy');
  const owner = (action: string, payload: unknown) => callWeb(urls.configuration, 'configuration', action, payload, { token: ownerToken });
  // Every customer gets in: the queue holds them all (the limit is the queues' concern, not this proof's).
  expect((await owner('switchboard_update_routing_settings', { settings: { reconnect_grace_s: GRACE_S, queue_limit: 1000 } })).status).toBe(200);

  const maxChats = new Map<string, number>();
  const agents: Agent[] = [];
  for (let i = 0; i < run.agents; i++) {
    const id = `agent${i}@busy.example`;
    const max = 1 + Math.floor(random() * 4);
    expect((await owner('create_agent', { id, name: `Agent ${i}`, max_chats_count: max })).status).toBe(200);
    maxChats.set(id, max);
    agents.push({ id, token: await agentToken(urls.configuration, ownerToken, id) });
  }
  const goOnline = async (agent: Agent) => {
    const rtm = await RtmClient.connect(urls.agent, 'agent');
    rtm.onPush = () => undefined;
    const login = await rtm.request('login', { token: `Bearer ${agent.token}` }, 30_000);
    if (!login.success) throw new Error(`login of ${agent.id} failed: ${JSON.stringify(login.payload)}`);
    agent.rtm = rtm;
    await rtm.request('set_routing_status', { status: random() < 0.8 ? 'accepting_chats' : 'not_accepting_chats' }, 30_000);
  };
  await inParallel(agents, 5, goOnline);

  const db = new Pool({ connectionString: run.databaseUrl, max: 2 });
  try {
    const chatsOf = async (agentId: string) =>
      (await db.query<{ chat_id: string }>('SELECT chat_id FROM chats WHERE organization_id = $1 AND active AND $2 = ANY(agent_ids)', [organizationId, agentId])).rows.map((r) => r.chat_id);
    const agentWeb = (agent: Agent, action: string, payload: unknown) => callWeb(urls.agent, 'agent', action, payload, { token: agent.token }).catch(() => undefined);

    // --- Customers start chats, 8 at a time.
    const started: string[] = [];
    const customers = inParallel(Array.from({ length: run.chats }, (_, i) => i), 8, async (i) => {
      const customer = await customerToken(urls.customer, organizationId);
      const reply = await callWeb(urls.customer, 'customer', 'start_chat', { chat: { thread: { events: [{ type: 'message', text: `help ${i}` }] } } }, { token: customer.access_token, organizationId });
      if (reply.status === 200) started.push(reply.body.chat_id as string);
    });

    // --- Agents act until the time is up; a router dies on the way.
    const deadline = Date.now() + run.durationMs;
    const killAt = Date.now() + run.durationMs / 3;
    let killed = false;
    const act = async (agent: Agent) => {
      const roll = random();
      if (!agent.rtm) return roll < 0.5 ? goOnline(agent) : undefined;
      if (roll < 0.3) return void (await agent.rtm.request('set_routing_status', { status: pick(['accepting_chats', 'not_accepting_chats'] as const) }, 30_000).catch(() => undefined));
      if (roll < 0.38) {
        const chats = await chatsOf(agent.id);
        return chats.length > 0 ? void (await agentWeb(agent, 'deactivate_chat', { id: pick(chats) })) : undefined;
      }
      if (roll < 0.6) {
        const chats = await chatsOf(agent.id);
        return chats.length > 0 ? void (await agentWeb(agent, 'transfer_chat', { id: pick(chats) })) : undefined;
      }
      if (roll < 0.7) {
        // Gone: the connection drops (lost or signed out); some come back within the grace period.
        agent.rtm.socket.terminate();
        agent.rtm = undefined;
        if (random() < 0.5) await goOnline(agent);
      }
    };
    const floor = Promise.all(agents.map(async (agent) => {
      while (Date.now() < deadline) {
        if (!killed && Date.now() >= killAt) {
          killed = true;
          await run.midRun();
        }
        await act(agent).catch(() => undefined);
        await sleep(100 + random() * 400);
      }
    }));
    await Promise.all([customers, floor]);
    if (!killed) await run.midRun();
    // The three online agents with the most chats leave for good: their chats must move on after the grace period.
    const online = agents.filter((a) => a.rtm);
    const loads = await Promise.all(online.map(async (a) => ({ agent: a, chats: (await chatsOf(a.id)).length })));
    for (const { agent } of loads.sort((x, y) => y.chats - x.chats).slice(0, 3)) {
      agent.rtm!.socket.terminate();
      agent.rtm = undefined;
    }
    const departedAt = Date.now();

    // --- Let the surviving router settle, then read the log.
    const readLog = async () =>
      (
        await db.query<LoggedEvent & { created_at: Date; global_position: string }>(
          `SELECT global_position, transaction_id::text AS transaction_id, stream_id, type, data, metadata, created_at
           FROM events WHERE organization_id = $1 ORDER BY global_position`,
          [organizationId],
        )
      ).rows.map((r) => ({ ...r, global_position: Number(r.global_position), created_at: r.created_at.getTime() }));
    const { rows } = await db.query<{ now: Date }>('SELECT now()');
    const clockOffset = rows[0].now.getTime() - Date.now();
    const endViolations = async () => {
      const log = await readLog();
      return endStateViolations(finalState(log), started, maxChats, Date.now() + clockOffset, GRACE_S * 1000 + MOVE_ON_MS);
    };
    // Judged only once the agents who left are past their grace period.
    await sleep(Math.max(0, departedAt + GRACE_S * 1000 + MOVE_ON_MS - Date.now()));
    const settleUntil = Date.now() + SETTLE_MS;
    let end = await endViolations();
    while (end.length > 0 && Date.now() < settleUntil) {
      await sleep(500);
      end = await endViolations();
    }
    const log = await readLog();
    const assignments = log.filter((e) => e.type === 'user_added').length;
    if (started.length < run.chats * 0.9) end.push(`only ${started.length} of ${run.chats} chats started`);
    if (assignments < run.agents) end.push(`only ${assignments} assignments: the run did not exercise the router`);
    for (const agent of agents) agent.rtm?.socket.terminate();
    const final = finalState(log);
    const count = (type: string, status?: string) => log.filter((e) => e.type === type && (!status || e.data.status === status)).length;
    console.log(
      `seed ${run.seed}: ${started.length} chats, ${assignments} agents added, ${count('chat_transferred')} transfers, ${count('thread_deactivated')} closes, ` +
        `${count('routing_status_set', 'offline')} went offline; at the end ${final.assigned.size} assigned, ${final.queued.size} queued, ${final.closed.size} closed, ` +
        `${[...final.assigned.values()].flat().filter((a) => final.status.get(a) === 'offline').length} with an offline agent; closed by ` +
        JSON.stringify(log.filter((e) => e.type === 'event_added' && String((e.data.event as { system_message_type?: string }).system_message_type ?? '').match(/archived/)).reduce<Record<string, number>>((n, e) => {
          const type = (e.data.event as { system_message_type: string }).system_message_type;
          return { ...n, [type]: (n[type] ?? 0) + 1 };
        }, {})),
    );
    return [...capacityViolations(log, maxChats), ...doubleAssignments(log), ...end];
  } finally {
    await db.end();
  }
}
