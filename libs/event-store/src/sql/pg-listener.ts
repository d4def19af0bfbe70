import { Client, ClientConfig } from 'pg';

/** First wait before reconnecting a lost LISTEN connection; doubled after each failure up to the maximum. */
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 2000;

/**
 * LISTEN on a dedicated connection that comes back after any outage: when the
 * connection errors or ends it reconnects, with backoff, until stopped. Each
 * (re)connection calls `onNotify` once, since a notification sent while it
 * was down is lost.
 */
export class PgListener {
  private client: Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private delayMs = RECONNECT_MIN_MS;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly onNotify: () => void,
  ) {}

  /** Listens; rejects when the first connection fails (later losses are retried). */
  start(): Promise<void> {
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    client.on('notification', (message) => message.channel === this.channel && this.onNotify());
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel.replace(/"/g, '""')}"`);
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.delayMs = RECONNECT_MIN_MS;
    // A notification may have been missed while (re)connecting.
    this.onNotify();
  }

  /** The current connection broke: drop it and reconnect. Events of a connection already dropped are ignored. */
  private lost(client: Client): void {
    if (client !== this.client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retry) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, RECONNECT_MAX_MS);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.stopped) return;
      this.connect().catch(() => this.scheduleReconnect());
    }, delay);
    this.retry.unref();
  }
}
