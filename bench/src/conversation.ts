import { Frame, RtmClient } from '../../libs/testing/src/livechat-client';
import { createAgent, createOrganization, customerToken, Failures, latencySummary, sleep } from './bench-client';
import { Urls } from './deployment';

export interface ClosedLoopResult {
  delivered: number;
  perSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  errors: number;
  errorTypes: Record<string, number>;
}

export interface OpenLoopResult {
  ratePerSecond: number;
  sent: number;
  delivered: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
}

export interface OneAtATimeResult {
  count: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** Snapshots taken right when a measurement starts and ends (CPU time, profile window). */
export interface MeasurementWindow {
  start(): void;
  stop(): void;
}

/**
 * `pairs` agents and `pairs` customers over RTM, one chat per pair. A message
 * counts when the counterpart's `incoming_event` push arrives; its
 * `custom_id` says which measurement sent it and when (`<phase>:<ms>`), so a
 * late push of one measurement never counts in the next.
 */
export class Conversation {
  private listener: ((phase: string, latencyMs: number) => void) | undefined;

  private constructor(
    private readonly participants: RtmClient[],
    private readonly chatOf: Map<RtmClient, string>,
  ) {
    for (const participant of participants) participant.onPush = (frame) => this.heard(participant, frame);
  }

  static async open(urls: Urls, adminToken: string, pairs: number): Promise<Conversation> {
    const { organizationId, owner } = await createOrganization(urls, adminToken, 'Bench');
    const agents: RtmClient[] = [];
    const customers: RtmClient[] = [];
    for (let i = 0; i < pairs; i++) {
      const id = `agent${i}@bench.example`;
      const agentToken = await createAgent(urls, owner, id, 1);
      const agent = await RtmClient.connect(urls.agent[i % urls.agent.length], 'agent');
      await agent.request('login', { token: `Bearer ${agentToken}` });
      agent.userId = id;
      await agent.request('set_routing_status', { status: 'accepting_chats' });
      agents.push(agent);
    }
    const chatOf = new Map<RtmClient, string>();
    for (let i = 0; i < pairs; i++) {
      const token = await customerToken(urls, organizationId);
      const customer = await RtmClient.connect(urls.customer, 'customer', organizationId);
      customer.userId = (await customer.request('login', { token: `Bearer ${token}` })).payload.customer.id;
      const started = await customer.request('start_chat', { chat: { thread: { events: [{ type: 'message', text: 'hello' }] } } });
      chatOf.set(customer, started.payload.chat_id);
      customers.push(customer);
    }
    // Each agent gets exactly one chat (max_chats_count 1).
    await Promise.all(
      agents.map(async (agent) => chatOf.set(agent, (await agent.nextPush('incoming_chat', () => true, 30000)).payload.chat.id)),
    );
    return new Conversation([...agents, ...customers], chatOf);
  }

  private heard(participant: RtmClient, frame: Frame): void {
    if (frame.action !== 'incoming_event') return;
    const event = frame.payload.event;
    // Only the counterpart's messages count (each side also hears its own).
    if (event.author_id === participant.userId) return;
    const [phase, sentAt] = String(event.custom_id ?? '').split(':');
    if (sentAt) this.listener?.(phase, performance.now() - Number(sentAt));
  }

  /** One `send_event`; resolves with the error type when it failed. */
  private async send(participant: RtmClient, customId: string): Promise<string | undefined> {
    const response = await participant
      .request('send_event', { chat_id: this.chatOf.get(participant), event: { type: 'message', text: 'benchmark message', custom_id: customId } })
      .catch(() => undefined);
    if (response?.success) return undefined;
    return response ? String(response.payload?.error?.type) : 'no_response';
  }

  /** For `seconds`, every participant sends its next message as soon as the last one is answered. */
  async closedLoop(seconds: number, window?: MeasurementWindow): Promise<ClosedLoopResult> {
    const latencies: number[] = [];
    const failures = new Failures();
    this.listener = (phase, ms) => phase === 'closed' && latencies.push(ms);
    window?.start();
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      this.participants.map(async (participant) => {
        while (performance.now() < deadline) failures.add(await this.send(participant, `closed:${performance.now()}`));
      }),
    );
    await sleep(500);
    this.listener = undefined;
    window?.stop();
    const elapsed = (performance.now() - started) / 1000;
    return { delivered: latencies.length, perSecond: latencies.length / elapsed, latencyMs: latencySummary(latencies), ...failures };
  }

  /**
   * For `seconds`, messages go out on a fixed timetable (`ratePerSecond` in
   * all, round-robin over the participants) whether or not earlier ones were
   * answered. Latency counts from when a send was due, so a late sender hides
   * no queueing (coordinated omission).
   */
  async openLoop(ratePerSecond: number, seconds: number): Promise<OpenLoopResult> {
    const latencies: number[] = [];
    const failures = new Failures();
    this.listener = (phase, ms) => phase === 'open' && latencies.push(ms);
    const total = Math.round(ratePerSecond * seconds);
    const interval = 1000 / ratePerSecond;
    const start = performance.now();
    const answers: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      answers.push(this.send(this.participants[i % this.participants.length], `open:${due}`).then((failure) => failures.add(failure)));
    }
    await Promise.all(answers);
    for (let waited = 0; latencies.length < total - failures.errors && waited < 5000; waited += 20) await sleep(20);
    this.listener = undefined;
    const { p50, p99 } = latencySummary(latencies);
    return { ratePerSecond, sent: total, delivered: latencies.length, errors: failures.errors, p50Ms: p50, p99Ms: p99 };
  }

  /** One pair, one message at a time: send, wait for the counterpart's push, then the next (sides alternate). */
  async oneAtATime(count: number): Promise<OneAtATimeResult> {
    const agent = this.participants[0];
    const customer = this.participants.find((p) => p !== agent && this.chatOf.get(p) === this.chatOf.get(agent))!;
    const latencies: number[] = [];
    const failures = new Failures();
    for (let i = 0; i < count; i++) {
      const heard = this.nextDelivery(`idle${i}`, 10000);
      const failure = await this.send(i % 2 === 0 ? agent : customer, `idle${i}:${performance.now()}`);
      const ms = failure ? undefined : await heard;
      if (ms !== undefined) latencies.push(ms);
      failures.add(failure ?? (ms === undefined ? 'no_push' : undefined));
    }
    this.listener = undefined;
    const { p50, p99 } = latencySummary(latencies);
    return { count: latencies.length, p50Ms: p50, p99Ms: p99, errors: failures.errors };
  }

  /** The latency of the message tagged `phase`, or undefined when its push did not come in time. */
  private nextDelivery(phase: string, timeoutMs: number): Promise<number | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs).unref();
      this.listener = (tag, ms) => {
        if (tag !== phase) return;
        clearTimeout(timer);
        resolve(ms);
      };
    });
  }

  close(): void {
    for (const participant of this.participants) participant.close();
  }
}
