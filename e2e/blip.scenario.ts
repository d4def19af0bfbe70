import { callWeb, RtmClient, SpawnedApp, sleep, uniqueToken } from '@switchboard/testing';
import { createOrganization } from './conversation.scenario';

/** Error types a request may get while PostgreSQL or NATS is away. */
export const OUTAGE_ERRORS = ['service_unavailable', 'internal', 'request_timeout'];

export interface ReadinessSample {
  at: number;
  /** HTTP status of `/ready`; 0 when the process did not answer at all. */
  status: number;
}

/** Polls an app's `/ready` every 100 ms until stopped, keeping every answer. */
export function watchReadiness(app: SpawnedApp) {
  const samples: ReadinessSample[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const at = Date.now();
      let status = 0;
      try {
        status = (await fetch(`${app.url}/ready`, { signal: AbortSignal.timeout(10_000) })).status;
      } catch {
        status = 0;
      }
      samples.push({ at, status });
      await sleep(100);
    }
  })();
  return {
    samples,
    /** First 200 at or after `since`. */
    readyAgainAt: (since: number) => samples.find((s) => s.at >= since && s.status === 200)?.at,
    async stop(): Promise<ReadinessSample[]> {
      stopped = true;
      await loop;
      return samples;
    },
  };
}

/** True while the spawned process has not exited. */
export const isRunning = (app: SpawnedApp): boolean => app.process.exitCode === null && app.process.signalCode === null;

export interface Agent {
  id: string;
  token: string;
}

/** An organization with its owner and `count` more agents, each with an access token. */
export async function organizationWithAgents(configurationUrl: string, adminToken: string, count: number) {
  const name = `Blip${uniqueToken()}`;
  const { organizationId, ownerToken } = await createOrganization(configurationUrl, adminToken, name);
  const agents: Agent[] = [];
  for (let i = 0; i < count; i++) {
    const id = `agent${i}@${name.toLowerCase()}.example`;
    const created = await callWeb(configurationUrl, 'configuration', 'create_agent', { id, name: `Agent ${i}`, max_chats_count: 100 }, { token: ownerToken });
    expect(created.status).toBe(200);
    const response = await fetch(`${configurationUrl}/auth/agent_token`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ownerToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ agent_id: id }),
    });
    expect(response.status).toBe(200);
    agents.push({ id, token: ((await response.json()) as { access_token: string }).access_token });
  }
  return { organizationId, ownerToken, agents };
}

/** One request of a load loop, as the client saw it. */
export interface Attempt {
  client: string;
  startedAt: number;
  endedAt: number;
  /** The event id when the server acknowledged the write. */
  eventId?: string;
  /** The error type when it did not; `no_answer` when nothing came back. */
  error?: string;
  status?: number;
}

/** The attempts of every load loop, with what the tests ask of them. */
export class AttemptLog {
  readonly attempts: Attempt[] = [];

  record(attempt: Attempt): void {
    this.attempts.push(attempt);
  }

  get acknowledged(): Attempt[] {
    return this.attempts.filter((a) => a.eventId);
  }

  get failed(): Attempt[] {
    return this.attempts.filter((a) => !a.eventId);
  }

  /** First acknowledged write that started at or after `since`. */
  firstSuccessAfter(since: number): Attempt | undefined {
    return this.acknowledged.filter((a) => a.startedAt >= since).sort((a, b) => a.endedAt - b.endedAt)[0];
  }
}

/**
 * Runs `send` in a closed loop until the returned function is called; a failed
 * attempt waits 50 ms before the next one, as a polite client would.
 */
export function loop(send: (n: number) => Promise<Attempt>) {
  let stopped = false;
  const running = (async () => {
    for (let n = 1; !stopped; n++) {
      const attempt = await send(n);
      if (attempt.error) await sleep(50);
    }
  })();
  return async () => {
    stopped = true;
    await running;
  };
}

/** One `send_event` over the Web API, recorded. */
export async function sendOverWeb(log: AttemptLog, client: string, url: string, token: string, chatId: string, n: number): Promise<Attempt> {
  const startedAt = Date.now();
  let attempt: Attempt;
  try {
    const event = { type: 'message', text: `${client} #${n}` };
    const { status, body } = await callWeb(url, 'agent', 'send_event', { chat_id: chatId, event }, { token });
    attempt = { client, startedAt, endedAt: Date.now(), status };
    if (status === 200) attempt.eventId = body.event_id;
    else attempt.error = body?.error?.type ?? `http_${status}`;
  } catch {
    attempt = { client, startedAt, endedAt: Date.now(), error: 'no_answer' };
  }
  log.record(attempt);
  return attempt;
}

/** One `send_event` over RTM, recorded; no answer within `timeoutMs` is `no_answer`. */
export async function sendOverRtm(log: AttemptLog, client: string, rtm: RtmClient, chatId: string, n: number, timeoutMs: number): Promise<Attempt> {
  const startedAt = Date.now();
  let attempt: Attempt;
  try {
    const event = { type: 'message', text: `${client} #${n}` };
    const frame = await rtm.request('send_event', { chat_id: chatId, event }, timeoutMs);
    attempt = { client, startedAt, endedAt: Date.now() };
    if (frame.success) attempt.eventId = frame.payload.event_id;
    else attempt.error = frame.payload?.error?.type ?? 'unknown';
  } catch {
    attempt = { client, startedAt, endedAt: Date.now(), error: 'no_answer' };
  }
  log.record(attempt);
  return attempt;
}
