import { DeliverPolicy, JetStreamClient, JetStreamManager, Msg, NatsConnection, Subscription } from 'nats';
import type { FollowedEntry, FollowOptions, StreamFollower } from '../bus.port';
import { decodeJson, ErrorReporter } from '../wire';
import { FollowerConnection } from './follower-connection';

/** Entries fetched at once while catching up from JetStream. */
const CATCH_UP_BATCH = 256;
const CATCH_UP_EXPIRES_MS = 2000;
const RETRY_MS = 1000;
/** How often the follower compares its position with the stream's (announcements lost with nothing after them). */
const CHECK_EVERY_MS = 5000;

/**
 * Where each stored entry is announced: `<prefix>-live.<sequence>.<the rest of
 * its subject>` (`evt.org.chat.X` stored as 42 → `evt-live.42.org.chat.X`).
 */
export function liveSubject(subjectPrefix: string, sequence: number, subject: string): string {
  return `${subjectPrefix}-live.${sequence}${subject.slice(subjectPrefix.length)}`;
}

interface Announcement {
  sequence: number;
  subject: string;
  data: Uint8Array;
}

/**
 * Follows the stream the cheap way and catches up the safe way. Every entry
 * the stream stores is announced on core NATS with its stream sequence (see
 * `NatsEventStream.publish`); the follower hands announcements out in
 * sequence order. The stream's sequences are contiguous, so a missing one — a
 * message lost while the connection was down, or dropped for a slow consumer —
 * shows as a jump: the follower then reads the missing entries from JetStream
 * (an ordered consumer from the entry after the last one it handed out),
 * holding later announcements meanwhile. After a reconnect, and every few
 * seconds, it also compares its position with the stream's last sequence, for
 * losses nothing came after. An entry JetStream no longer holds is a gap.
 */
export class NatsFollower implements StreamFollower {
  private last: number;
  private stopped = false;
  private readonly connection: FollowerConnection;
  private catchingUp: Promise<void> | undefined;
  private readonly held: Announcement[] = [];
  private subscription: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The stream's last sequence at the previous check: behind it at the next check means a silent loss. */
  private streamLastAtCheck = 0;

  private constructor(
    nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly streamName: string,
    private readonly subjectPrefix: string,
    start: number,
    private readonly handler: (entry: FollowedEntry) => void,
    private readonly options: FollowOptions,
    private readonly onError: ErrorReporter,
  ) {
    this.last = start;
    this.connection = new FollowerConnection(
      nc,
      { onStall: options.onStall, onBack: () => void this.afterReconnect(), stopped: () => this.stopped },
      onError,
    );
  }

  static async start(
    config: { nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager; streamName: string; subjectPrefix: string },
    start: number | undefined,
    handler: (entry: FollowedEntry) => void,
    options: FollowOptions,
    onError: ErrorReporter,
  ): Promise<NatsFollower> {
    const { nc, js, jsm, streamName, subjectPrefix } = config;
    // Listen first, then read where the stream ends: nothing stored in between is missed.
    const ready: { follower?: NatsFollower } = {};
    const pending: Msg[] = [];
    const subscription = nc.subscribe(`${subjectPrefix}-live.>`, {
      callback: (error, message) => {
        if (error) return;
        if (ready.follower) ready.follower.announced(message);
        else pending.push(message);
      },
    });
    await nc.flush();
    const from = start ?? (await jsm.streams.info(streamName)).state.last_seq;
    const follower = new NatsFollower(nc, js, jsm, streamName, subjectPrefix, from, handler, options, onError);
    ready.follower = follower;
    follower.subscription = subscription;
    for (const message of pending) follower.announced(message);
    if (start !== undefined) await follower.catchUpTo((await jsm.streams.info(streamName)).state.last_seq);
    follower.timer = setInterval(() => void follower.check(), CHECK_EVERY_MS);
    follower.timer.unref();
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
    clearInterval(this.timer);
    this.subscription?.unsubscribe();
    await this.catchingUp?.catch(() => undefined);
  }

  private announced(message: Msg): void {
    const head = this.subjectPrefix.length + '-live.'.length;
    const dot = message.subject.indexOf('.', head);
    const sequence = Number(message.subject.slice(head, dot));
    if (dot < 0 || !Number.isSafeInteger(sequence)) return;
    this.offer({ sequence, subject: `${this.subjectPrefix}${message.subject.slice(dot)}`, data: message.data });
  }

  /** Hands out the next entry, holds a later one (and fetches what is missing), ignores an old one. */
  private offer(entry: Announcement): void {
    if (this.stopped || entry.sequence <= this.last) return;
    if (this.catchingUp || entry.sequence > this.last + 1) {
      this.held.push(entry);
      if (!this.catchingUp) void this.catchUpTo(entry.sequence - 1);
      return;
    }
    this.deliver(entry);
  }

  private deliver({ sequence, subject, data }: Announcement): void {
    this.last = sequence;
    this.connection.alive();
    try {
      let payload: unknown;
      this.handler({
        sequence,
        subject,
        get payload() {
          return (payload ??= decodeJson(data));
        },
      });
    } catch (error) {
      this.onError(error, `stream follower at ${sequence}`);
    }
  }

  /** Reads the entries after the last one handed out, up to `target`, from JetStream; then the held ones. */
  private catchUpTo(target: number): Promise<void> {
    this.catchingUp ??= (async () => {
      try {
        while (!this.stopped && this.last < target) {
          try {
            await this.fetchFromStream(target);
          } catch (error) {
            if (this.stopped) return;
            this.onError(error, 'stream follower catching up');
            await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
          }
        }
      } finally {
        this.catchingUp = undefined;
      }
      const held = this.held.splice(0).sort((a, b) => a.sequence - b.sequence);
      for (const entry of held) this.offer(entry);
    })();
    return this.catchingUp;
  }

  private async fetchFromStream(target: number): Promise<void> {
    const consumer = await this.js.consumers.get(this.streamName, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: this.last + 1 });
    try {
      while (!this.stopped && this.last < target) {
        const batch = await consumer.fetch({ max_messages: Math.min(CATCH_UP_BATCH, target - this.last), expires: CATCH_UP_EXPIRES_MS });
        let received = 0;
        for await (const message of batch) {
          received++;
          const sequence = message.info.streamSequence;
          if (sequence <= this.last) continue;
          // The stream holds only our subjects: a jump means entries are gone for good.
          if (sequence !== this.last + 1) this.options.onGap?.(this.last + 1, sequence);
          this.deliver({ sequence, subject: message.subject, data: message.data });
        }
        if (received === 0) {
          const { state } = await this.jsm.streams.info(this.streamName);
          if (state.first_seq > this.last + 1) {
            this.options.onGap?.(this.last + 1, state.first_seq);
            this.last = state.first_seq - 1;
          }
          if (state.last_seq <= this.last) return;
        }
      }
    } finally {
      void consumer.delete().catch(() => undefined);
    }
  }

  /** Announcements lost with nothing after them show up as a stream that is ahead of us for a while. */
  private async check(): Promise<void> {
    if (this.stopped || this.connection.stalled || this.catchingUp) return;
    try {
      const behind = this.streamLastAtCheck;
      if (behind > this.last) await this.catchUpTo(behind);
      this.streamLastAtCheck = (await this.jsm.streams.info(this.streamName)).state.last_seq;
    } catch (error) {
      this.onError(error, 'stream follower check');
    }
  }

  /** Whatever was announced while the connection was down is in the stream. */
  private async afterReconnect(): Promise<void> {
    try {
      const { state } = await this.jsm.streams.info(this.streamName);
      if (state.last_seq > this.last) await this.catchUpTo(state.last_seq);
    } catch (error) {
      // The periodic check tries again.
      this.onError(error, 'stream follower after reconnecting');
    }
  }
}
