import { Events, NatsConnection } from 'nats';
import { BusUnavailableError } from '../connection-errors';
import { ErrorReporter } from '../wire';

/**
 * Whether the connection to NATS is up, and requests that fail at once when it
 * is not.
 *
 * nats.js discards whatever it buffered while disconnected when it reconnects,
 * so a request sent during an outage, or in flight when it began, could only
 * time out (5 s) — after NATS is back. {@link guard} rejects such a request
 * as soon as the connection is lost, and refuses new ones until it is back:
 * callers retry promptly instead of waiting out the timeout.
 */
export class NatsLink {
  private down = false;
  private lost!: Promise<never>;
  private fail!: (error: Error) => void;

  constructor(
    private readonly nc: NatsConnection,
    onError: ErrorReporter,
  ) {
    this.arm();
    void this.watch(onError);
  }

  get connected(): boolean {
    return !this.down && !this.nc.isClosed();
  }

  /** Runs `request`, unless disconnected; rejects with {@link BusUnavailableError} when the connection drops meanwhile. */
  guard<T>(request: () => Promise<T>): Promise<T> {
    if (!this.connected) return Promise.reject(new BusUnavailableError('Not connected to NATS'));
    return Promise.race([request(), this.lost]);
  }

  private arm(): void {
    this.lost = new Promise<never>((_, reject) => {
      this.fail = reject;
    });
    // Nobody may be waiting on it when the connection drops.
    this.lost.catch(() => undefined);
  }

  private async watch(onError: ErrorReporter): Promise<void> {
    try {
      for await (const status of this.nc.status()) {
        if (status.type === Events.Disconnect && !this.down) {
          this.down = true;
          this.fail(new BusUnavailableError('Lost the connection to NATS'));
          this.arm();
        }
        if (status.type === Events.Reconnect) this.down = false;
      }
    } catch (error) {
      onError(error, 'NATS status');
    }
  }
}
