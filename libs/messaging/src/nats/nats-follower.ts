import { ConsumerMessages, DeliverPolicy, Events, JetStreamClient, JsMsg, NatsConnection } from 'nats';
import type { FollowOptions, StreamEntry, StreamFollower } from '../bus.port';
import type { ErrorReporter } from '../wire';
import { toStreamEntry } from './nats-entry';

/** Entries pulled at once; the handler is synchronous, so a batch empties fast. */
const PULL_BATCH = 512;
/**
 * How long one pull lasts. nats.js expects an idle heartbeat every half of it,
 * so a silent server (a cut nobody announced) is noticed within about this time.
 */
const PULL_EXPIRES_MS = 4000;

/**
 * Follows the whole JetStream stream with an ordered consumer (ephemeral,
 * in-memory, no acks). nats.js recreates the consumer after a reconnect, a
 * missed heartbeat or a delivery gap, starting right after the last stream
 * sequence it delivered — so entries missed during an outage arrive late but in
 * order. The stream holds only our subjects, so its sequences are contiguous:
 * any jump means entries are gone for good, and is reported as a gap.
 */
export class NatsFollower implements StreamFollower {
  private last: number;
  private messages: ConsumerMessages | undefined;
  private stopped = false;
  private down = false;

  private constructor(
    private readonly nc: NatsConnection,
    start: number,
    private readonly handler: (entry: StreamEntry) => void,
    private readonly options: FollowOptions,
    private readonly onError: ErrorReporter,
  ) {
    this.last = start;
  }

  static async start(
    nc: NatsConnection,
    js: JetStreamClient,
    streamName: string,
    start: number,
    handler: (entry: StreamEntry) => void,
    options: FollowOptions,
    onError: ErrorReporter,
  ): Promise<NatsFollower> {
    const follower = new NatsFollower(nc, start, handler, options, onError);
    const consumer = await js.consumers.get(streamName, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start + 1 });
    follower.messages = await consumer.consume({
      max_messages: PULL_BATCH,
      expires: PULL_EXPIRES_MS,
      callback: (message) => follower.receive(message),
    });
    void follower.watchConnection();
    return follower;
  }

  get lastSequence(): number {
    return this.last;
  }

  get stalled(): boolean {
    return this.down;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.messages?.stop();
    await this.messages?.closed().catch(() => undefined);
  }

  private receive(message: JsMsg): void {
    if (this.stopped) return;
    const sequence = message.info.streamSequence;
    if (sequence <= this.last) return;
    if (sequence !== this.last + 1) this.options.onGap?.(this.last + 1, sequence);
    this.last = sequence;
    this.setStalled(false);
    try {
      this.handler(toStreamEntry(message, 1));
    } catch (error) {
      this.onError(error, `stream follower at ${sequence}`);
    }
  }

  private setStalled(stalled: boolean): void {
    if (this.down === stalled) return;
    this.down = stalled;
    this.options.onStall?.(stalled);
  }

  private async watchConnection(): Promise<void> {
    try {
      for await (const status of this.nc.status()) {
        if (this.stopped) return;
        if (status.type === Events.Disconnect) this.setStalled(true);
        if (status.type === Events.Reconnect) this.setStalled(false);
      }
    } catch (error) {
      this.onError(error, 'stream follower status');
    }
  }
}
