import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { EventMessage } from '@switchboard/event-store';
import { FollowedEntry, StreamFollower } from '@switchboard/messaging';
import { Infrastructure, INFRASTRUCTURE } from '@switchboard/platform';

/** Something built from the committed events this process hears. */
export interface FeedListener {
  /**
   * Whether it wants an event, told from its subject alone (the organization's
   * subject token and the stream type: `agent`, `chat`, …); all when absent.
   */
  accepts?(organizationToken: string, streamType: string): boolean;
  /** The next committed event, in stream order. Must not block. */
  event(message: EventMessage): void;
  /** Events were lost for good: whatever was built from the feed must resync. */
  gap?(): void;
  /** The feed lost (true) or regained (false) its connection; missed events follow once it is back. */
  stall?(stalled: boolean): void;
}

/**
 * This process's one follower of the event stream, shared by everything that
 * keeps a live view of it (the agent directory, the push hub). It starts at
 * the stream's end and, after an outage, resumes right after the last event
 * it handed out, so listeners see every event once, in order — or hear that
 * some are gone.
 */
@Injectable()
export class EventFeed implements OnModuleDestroy {
  private readonly logger = new Logger('event-feed');
  private readonly listeners = new Set<FeedListener>();
  private follower: Promise<StreamFollower> | undefined;
  private active: StreamFollower | undefined;
  private everything = false;

  constructor(@Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure) {}

  /** Listeners registered before `start()` see every event from the start position on. */
  listen(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Something here needs every event (the push hub of a gateway). Without it
   * (the configuration service) the feed carries agents' events only — all the
   * agent directory needs — rather than every event of every chat. Call before `start()`.
   */
  includeEverything(): void {
    if (this.follower) throw new Error('The event feed has started already');
    this.everything = true;
  }

  /** Starts following (once; later calls wait for the same start). */
  async start(): Promise<void> {
    const filterSubject = this.everything ? undefined : `${this.infrastructure.subjectPrefix}.*.agent.>`;
    this.follower ??= this.infrastructure.bus.events.follow((entry) => this.dispatch(entry), {
      filterSubject,
      onGap: (expected, got) => {
        this.logger.error(`events ${expected}–${got - 1} are no longer in the stream: live views resync`);
        this.notify((listener) => listener.gap?.());
      },
      onStall: (stalled) => {
        if (stalled) this.logger.warn('lost the event stream; events will follow once it is back');
        else this.logger.log('event stream back');
        this.notify((listener) => listener.stall?.(stalled));
      },
    });
    this.active = await this.follower;
  }

  /** True while the feed cannot receive events. */
  get stalled(): boolean {
    return this.active?.stalled ?? false;
  }

  async onModuleDestroy(): Promise<void> {
    const follower = await this.follower?.catch(() => undefined);
    await follower?.stop();
  }

  /**
   * Hands the event to the listeners that want it, decoding it only if one
   * does (`<prefix>.<organization>.<stream type>.<id>`): a process that only
   * keeps the agent directory never decodes chat events, a gateway never those
   * of organizations without a connection on it.
   */
  private dispatch(entry: FollowedEntry): void {
    const [, organizationToken, streamType] = entry.subject.split('.', 3);
    for (const listener of this.listeners) {
      if (listener.accepts && !listener.accepts(organizationToken, streamType)) continue;
      try {
        listener.event(entry.payload as EventMessage);
      } catch (error) {
        this.logger.error(`event listener failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
  }

  private notify(call: (listener: FeedListener) => void): void {
    for (const listener of this.listeners) {
      try {
        call(listener);
      } catch (error) {
        this.logger.error(`event listener failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
  }
}
