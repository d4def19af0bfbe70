import { Events, NatsConnection } from 'nats';
import type { ErrorReporter } from '../wire';

/**
 * A follower's view of its NATS connection: stalled while it is down (told
 * through `onStall`), and `onBack` once it has reconnected, for the follower
 * to fetch what it missed.
 */
export class FollowerConnection {
  private down = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly handlers: { onStall?: (stalled: boolean) => void; onBack: () => void; stopped: () => boolean },
    private readonly onError: ErrorReporter,
  ) {
    void this.watch();
  }

  get stalled(): boolean {
    return this.down;
  }

  /** An entry arrived: the connection works. */
  alive(): void {
    this.set(false);
  }

  private set(stalled: boolean): void {
    if (this.down === stalled) return;
    this.down = stalled;
    this.handlers.onStall?.(stalled);
  }

  private async watch(): Promise<void> {
    try {
      for await (const status of this.nc.status()) {
        if (this.handlers.stopped()) return;
        if (status.type === Events.Disconnect) this.set(true);
        if (status.type === Events.Reconnect) {
          this.set(false);
          this.handlers.onBack();
        }
      }
    } catch (error) {
      this.onError(error, 'stream follower status');
    }
  }
}
