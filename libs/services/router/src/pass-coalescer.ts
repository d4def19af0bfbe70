/**
 * One pass per key (an organization) at a time in this process: every
 * request arriving while a pass runs shares the one pass after it, so a burst
 * of triggers costs at most two passes and each caller gets a pass that began
 * after its request.
 */
export class PassCoalescer<T> {
  private readonly running = new Map<string, Promise<T>>();
  private readonly pending = new Map<string, Promise<T>>();

  constructor(private readonly pass: (key: string) => Promise<T>) {}

  run(key: string): Promise<T> {
    const queued = this.pending.get(key);
    if (queued) return queued;
    const previous = this.running.get(key);
    const start = (): Promise<T> => {
      this.pending.delete(key);
      const pass = this.pass(key);
      this.running.set(key, pass);
      const forget = () => {
        if (this.running.get(key) === pass) this.running.delete(key);
      };
      pass.then(forget, forget);
      return pass;
    };
    if (!previous) return start();
    const next = previous.then(start, start);
    this.pending.set(key, next);
    return next;
  }

  /** Resolves when no pass runs or waits to run (shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.pending.size > 0) await Promise.allSettled([...this.running.values(), ...this.pending.values()]);
  }
}
