import { nextAttemptAt, RetryPolicy } from '@switchboard/webhooks/domain';
import { ChainState, Delivery, DeliveryOutcome, DeliveryStore } from './delivery-store';
import { DispatcherMetrics } from './dispatcher-metrics';
import { WebhookSender } from './webhook-sender';

/** One webhook's deliveries of one chain (an event stream) held here, sent one at a time in order. */
interface Chain {
  key: string;
  receiver: Receiver;
  rows: Delivery[];
  sending: boolean;
  queued: boolean;
  /** A delivery failed: the rest waits in the database, behind it. */
  broken: boolean;
  /** Its deliveries came from the database (the sweep): once it is empty, what follows there is claimed next. */
  fromDatabase: boolean;
  /** What follows is being claimed from the database: a delivery recorded meanwhile goes there too, to keep the order. */
  continuing: boolean;
}

/** One receiver (scheme, host, port): its own queue and its own limit of requests in flight. */
interface Receiver {
  ready: Chain[];
  inFlight: number;
}

export interface EngineSettings {
  /** Requests in flight per receiver. */
  concurrencyPerReceiver: number;
  /** Deliveries held in memory at most; beyond, they wait in the database for the sweep. */
  maxHeld: number;
  retry: RetryPolicy;
}

/**
 * Successes are written together, at most this long after the first: one
 * statement (and one commit) for every delivery that went through meanwhile.
 * Until then the row stays pending in this replica's hands; a crash in
 * between only means those go again, with the same delivery id.
 */
const FLUSH_DELAY_MS = 25;

/** Deliveries claimed at once when a chain from the database is continued. */
const CHAIN_CLAIM = 100;

/** How long a broken chain is remembered, so a delivery recorded meanwhile does not jump the failed one. */
const BROKEN_MEMORY_MS = 10_000;

/**
 * Sends the deliveries this replica claimed (ADR 0044): per receiver a queue
 * and a bounded number of requests in flight, so a slow or dead receiver
 * delays only itself; per webhook and chain one delivery at a time, in order.
 * Successes are written in batches; a failure is written at once, with its
 * next attempt, and the deliveries behind it are given back to wait for it.
 */
export class DeliveryEngine {
  private readonly receivers = new Map<string, Receiver>();
  private readonly chains = new Map<string, Chain>();
  private heldCount = 0;
  /** Successes not written yet, and when they will have been. */
  private batch: SuccessBatch | undefined;
  private readonly settled = new Set<Promise<unknown>>();
  /** Batches of successes being written now. */
  private readonly writing = new Set<Promise<void>>();

  constructor(
    private readonly store: DeliveryStore,
    private readonly sender: WebhookSender,
    private readonly secretOf: (delivery: Delivery) => string | undefined,
    private readonly settings: EngineSettings,
    private readonly metrics: DispatcherMetrics,
    private readonly warn: (message: string) => void,
    /** Whether the delivery's webhook is paused now (ADR 0044, Operations): what is held of it goes back to the database. */
    private readonly isPaused: (delivery: Delivery) => boolean = () => false,
  ) {}

  /** Whether this replica can hold more deliveries in memory. */
  hasRoom(): boolean {
    return this.heldCount < this.settings.maxHeld;
  }

  /** How many deliveries can be claimed now. */
  room(): number {
    return Math.max(0, this.settings.maxHeld - this.heldCount);
  }

  /**
   * Takes a claimed delivery. `chain` says what the database held before it:
   * `clear` (it is first), `mine` (behind ones held here). False when it cannot
   * be sent in order from here: the caller gives it back.
   */
  take(delivery: Delivery, chain: Exclude<ChainState, 'foreign'>, from: 'recorded' | 'database' = 'recorded'): boolean {
    const key = `${delivery.webhook_id}\u0000${delivery.chain}`;
    let held = this.chains.get(key);
    if (held?.continuing && from === 'recorded') return false;
    if (held?.broken) {
      if (chain === 'mine') return false;
      this.chains.delete(key);
      held = undefined;
    }
    // `mine` with nothing held: the earlier ones were delivered, their rows not written yet.
    if (!held) {
      held = { key, receiver: this.receiverOf(delivery.url), rows: [], sending: false, queued: false, broken: false, fromDatabase: false, continuing: false };
      this.chains.set(key, held);
    }
    if (from === 'database') held.fromDatabase = true;
    held.rows.push(delivery);
    this.heldCount++;
    this.metrics.held.set(this.heldCount);
    this.schedule(held);
    return true;
  }

  /** Ids of every delivery held here (to give back when stopping). */
  heldIds(): string[] {
    return [...this.chains.values()].flatMap((c) => c.rows.map((r) => r.id));
  }

  /** Waits for requests in flight and the last writes (a batch being written by its timer included). */
  async idle(): Promise<void> {
    await this.flush(this.batch);
    while (this.settled.size > 0) {
      await Promise.allSettled([...this.settled]);
      await this.flush(this.batch);
    }
  }

  private receiverOf(url: string): Receiver {
    const origin = new URL(url).origin;
    let receiver = this.receivers.get(origin);
    if (!receiver) {
      receiver = { ready: [], inFlight: 0 };
      this.receivers.set(origin, receiver);
    }
    return receiver;
  }

  private schedule(chain: Chain): void {
    if (chain.sending || chain.queued || chain.broken || chain.rows.length === 0) return;
    chain.queued = true;
    chain.receiver.ready.push(chain);
    this.pump(chain.receiver);
  }

  private pump(receiver: Receiver): void {
    while (receiver.inFlight < this.settings.concurrencyPerReceiver && receiver.ready.length > 0) {
      const chain = receiver.ready.shift()!;
      chain.queued = false;
      if (chain.broken || chain.rows.length === 0) continue;
      chain.sending = true;
      receiver.inFlight++;
      const work = this.sendHead(chain).finally(() => {
        receiver.inFlight--;
        chain.sending = false;
        this.settled.delete(work);
        if (chain.rows.length === 0 && !chain.broken) this.emptied(chain);
        else this.schedule(chain);
        this.pump(receiver);
      });
      this.settled.add(work);
    }
  }

  private async sendHead(chain: Chain): Promise<void> {
    const delivery = chain.rows[0];
    if (this.isPaused(delivery)) {
      await this.giveBack(chain, delivery);
      return;
    }
    const secret = this.secretOf(delivery);
    const outcome = secret === undefined ? { id: delivery.id, status: undefined, error: 'webhook unregistered', latencyMs: 0 } : await this.sender.send(delivery, secret);
    if (outcome.error === undefined) {
      chain.rows.shift();
      this.release(1);
      this.metrics.deliveries.inc({ outcome: 'delivered' });
      this.metrics.eventToDelivery.observe((Date.now() - delivery.event_created_at.getTime()) / 1000);
      this.succeeded(outcome);
      return;
    }
    await this.fail(chain, delivery, outcome, secret === undefined);
  }

  private async fail(chain: Chain, delivery: Delivery, outcome: DeliveryOutcome, unregistered: boolean): Promise<void> {
    chain.broken = true;
    const retryAt = unregistered ? undefined : nextAttemptAt(delivery.attempts + 1, Date.now(), delivery.deadline.getTime(), this.settings.retry, Math.random());
    this.metrics.deliveries.inc({ outcome: retryAt ? 'failed' : 'dead' });
    if (retryAt) this.metrics.retries.inc();
    try {
      await this.flush(this.batch);
      await this.store.failed(outcome, retryAt === undefined ? undefined : new Date(retryAt));
      // Everything behind it waits in the database; the sweep takes it in order when it is due.
      await this.store.release(chain.rows.slice(1).map((r) => r.id));
    } catch (error) {
      // Not written: the claims expire and the sweep tries them again.
      this.warn(`webhook delivery ${delivery.id}: the failure was not recorded (${(error as Error).message})`);
    }
    this.drop(chain);
  }

  /** The webhook was paused while its deliveries were held here: they wait in the database, unsent, for the resume. */
  private async giveBack(chain: Chain, delivery: Delivery): Promise<void> {
    chain.broken = true;
    try {
      await this.flush(this.batch);
      await this.store.release(chain.rows.map((r) => r.id));
    } catch (error) {
      // Not written: the claims expire, and the sweep does not take a paused webhook's deliveries.
      this.warn(`webhook ${delivery.webhook_id} paused: its held deliveries were not given back (${(error as Error).message})`);
    }
    this.drop(chain);
  }

  /** Forgets what a broken chain held; remembered a while, so a delivery recorded meanwhile does not jump the ones given back. */
  private drop(chain: Chain): void {
    this.release(chain.rows.length);
    chain.rows = [];
    const timer = setTimeout(() => {
      if (this.chains.get(chain.key) === chain) this.chains.delete(chain.key);
    }, BROKEN_MEMORY_MS);
    timer.unref();
  }

  /**
   * A chain with nothing left here. It is kept until its deliveries are
   * written, so one recorded meanwhile (`mine`) finds it; then, if its
   * deliveries came from the database (a backlog), what follows there is
   * claimed and sent next, rather than one per sweep; else it is forgotten.
   */
  private emptied(chain: Chain): void {
    const idle = () => this.chains.get(chain.key) === chain && chain.rows.length === 0 && !chain.sending && !chain.broken;
    const work = (async () => {
      // Its last deliveries are written first, so the database no longer counts them as pending.
      await Promise.all([this.batch?.written, ...this.writing]);
      if (!idle()) return;
      if (chain.fromDatabase && this.hasRoom()) {
        const [webhookId, name] = chain.key.split('\u0000');
        chain.continuing = true;
        const next = await this.store.claimChain(webhookId, name, CHAIN_CLAIM).catch((error: Error) => {
          this.warn(`webhook chain not continued: ${error.message}`);
          return [];
        });
        chain.continuing = false;
        const ours = this.chains.get(chain.key) === chain && !chain.broken;
        const givenBack = ours ? next.filter((delivery) => !this.take(delivery, 'clear', 'database')).map((d) => d.id) : next.map((d) => d.id);
        await this.store.release(givenBack).catch(() => undefined);
        if (next.length > givenBack.length) return;
      }
      if (idle()) this.chains.delete(chain.key);
    })();
    this.settled.add(work);
    void work.finally(() => this.settled.delete(work));
  }

  private release(count: number): void {
    this.heldCount -= count;
    this.metrics.held.set(this.heldCount);
  }

  /** A success is written with the others of the next FLUSH_DELAY_MS. */
  private succeeded(outcome: DeliveryOutcome): void {
    if (!this.batch) {
      let resolve!: () => void;
      const written = new Promise<void>((r) => (resolve = r));
      const batch: SuccessBatch = { outcomes: [], written, resolve, timer: setTimeout(() => void this.flush(batch), FLUSH_DELAY_MS) };
      this.batch = batch;
    }
    this.batch.outcomes.push(outcome);
  }

  /** Writes a batch of successes in one statement (now, if it was waiting); `idle()` waits for it. */
  private flush(batch: SuccessBatch | undefined): Promise<void> {
    if (!batch) return Promise.resolve();
    clearTimeout(batch.timer);
    if (this.batch !== batch) return batch.written;
    this.batch = undefined;
    const work = this.write(batch);
    this.settled.add(work);
    this.writing.add(work);
    void work.finally(() => {
      this.settled.delete(work);
      this.writing.delete(work);
    });
    return work;
  }

  private async write(batch: SuccessBatch): Promise<void> {
    try {
      await this.store.delivered(batch.outcomes);
    } catch (error) {
      // They were delivered; not recorded, their claims expire and they go again (receivers deduplicate by id).
      this.warn(`${batch.outcomes.length} webhook deliveries not recorded as delivered: ${(error as Error).message}`);
    } finally {
      batch.resolve();
    }
  }
}

interface SuccessBatch {
  outcomes: DeliveryOutcome[];
  written: Promise<void>;
  resolve: () => void;
  timer: NodeJS.Timeout;
}
