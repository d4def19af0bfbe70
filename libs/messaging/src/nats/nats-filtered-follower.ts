import { ConsumerMessages, DeliverPolicy, JetStreamClient, JsMsg, NatsConnection } from 'nats';
import type { FollowedEntry, FollowOptions, StreamFollower } from '../bus.port';
import { decodeJson, ErrorReporter } from '../wire';
import { FollowerConnection } from './follower-connection';

/** Entries pulled at once; the handler is synchronous, so a batch empties fast. */
const PULL_BATCH = 512;
/**
 * How long one pull lasts. nats.js expects an idle heartbeat every half of it,
 * so a silent server (a cut nobody announced) is noticed within about this time.
 */
const PULL_EXPIRES_MS = 4000;
const RESTART_RETRY_MS = 1000;

/**
 * Follows the entries of one subject filter with a JetStream ordered consumer
 * (ephemeral, in-memory, no acks): for a process that needs a small part of
 * the stream (the configuration service: agents' events), where the core
 * announcements of every entry would cost more than the entries it wants.
 * nats.js recreates the consumer after a missed heartbeat or a delivery gap,
 * right after the last stream sequence it delivered; after a reconnect this
 * follower recreates it itself, from the last sequence it handed out. A
 * filtered consumer skips other subjects' sequences, so gaps cannot be told
 * from the sequence and are not reported.
 */
export class NatsFilteredFollower implements StreamFollower {
  private last: number;
  private messages: ConsumerMessages | undefined;
  /** Bumped on each (re)start: entries of an abandoned consumer are ignored. */
  private generation = 0;
  private stopped = false;
  private readonly connection: FollowerConnection;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly streamName: string,
    private readonly filterSubject: string,
    start: number,
    private readonly handler: (entry: FollowedEntry) => void,
    private readonly options: FollowOptions,
    private readonly onError: ErrorReporter,
  ) {
    this.last = start;
    this.connection = new FollowerConnection(
      nc,
      { onStall: options.onStall, onBack: () => void this.restart(), stopped: () => this.stopped },
      onError,
    );
  }

  static async start(
    nc: NatsConnection,
    js: JetStreamClient,
    streamName: string,
    filterSubject: string,
    start: number,
    handler: (entry: FollowedEntry) => void,
    options: FollowOptions,
    onError: ErrorReporter,
  ): Promise<NatsFilteredFollower> {
    const follower = new NatsFilteredFollower(nc, js, streamName, filterSubject, start, handler, options, onError);
    await follower.consume();
    return follower;
  }

  get lastSequence(): number {
    return this.last;
  }

  get stalled(): boolean {
    return this.connection.stalled;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.messages?.stop();
    await this.messages?.closed().catch(() => undefined);
  }

  /** A new ordered consumer from the entry after the last one handed out. */
  private async consume(): Promise<void> {
    const generation = ++this.generation;
    const consumer = await this.js.consumers.get(this.streamName, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: this.last + 1,
      filterSubjects: this.filterSubject,
    });
    const messages = await consumer.consume({
      max_messages: PULL_BATCH,
      expires: PULL_EXPIRES_MS,
      callback: (message) => {
        if (generation === this.generation) this.receive(message);
      },
    });
    if (generation !== this.generation || this.stopped) {
      messages.stop();
      return;
    }
    this.messages = messages;
  }

  private async restart(): Promise<void> {
    const previous = this.messages;
    this.messages = undefined;
    previous?.stop();
    while (!this.stopped && !this.nc.isClosed()) {
      try {
        await this.consume();
        return;
      } catch (error) {
        this.onError(error, 'stream follower restarting');
        await new Promise((resolve) => setTimeout(resolve, RESTART_RETRY_MS));
      }
    }
  }

  private receive(message: JsMsg): void {
    if (this.stopped) return;
    const sequence = message.info.streamSequence;
    if (sequence <= this.last) return;
    this.last = sequence;
    this.connection.alive();
    try {
      // Only what a follower needs: no header copies on this path (every event, every process).
      this.handler({ sequence, subject: message.subject, payload: decodeJson(message.data) });
    } catch (error) {
      this.onError(error, `stream follower at ${sequence}`);
    }
  }
}
