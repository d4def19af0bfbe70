/**
 * Thins out a stream of signals per key to at most one per `intervalMs`: the
 * first goes at once, later ones within the interval replace each other and
 * the latest goes when the interval ends. A client typing on every keystroke
 * costs the bus a few messages a second, and the last state (the full text,
 * "stopped typing") always gets through.
 */
export class SignalThrottle<T> {
  private readonly windows = new Map<string, { pending?: T }>();

  constructor(
    private readonly intervalMs: number,
    private readonly send: (value: T) => void,
  ) {}

  offer(key: string, value: T): void {
    const window = this.windows.get(key);
    if (window) {
      window.pending = value;
      return;
    }
    this.send(value);
    this.open(key);
  }

  /** Signals waiting for their interval to end. */
  get waiting(): number {
    return [...this.windows.values()].filter((w) => w.pending !== undefined).length;
  }

  private open(key: string): void {
    this.windows.set(key, {});
    setTimeout(() => this.close(key), this.intervalMs).unref();
  }

  private close(key: string): void {
    const window = this.windows.get(key);
    this.windows.delete(key);
    if (window?.pending === undefined) return;
    this.send(window.pending);
    this.open(key);
  }
}
