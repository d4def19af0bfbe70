/**
 * Items handed over during one turn of the event loop, flushed together at
 * the next (setImmediate), in the order they came: what nats.js writes in
 * that flush leaves in one socket write instead of one each.
 */
export class PerTurn<T> {
  private pending: T[] = [];

  constructor(private readonly flush: (items: T[]) => void) {}

  add(item: T): void {
    if (this.pending.push(item) === 1) {
      setImmediate(() => {
        const items = this.pending;
        this.pending = [];
        this.flush(items);
      });
    }
  }
}
