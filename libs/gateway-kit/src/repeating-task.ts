/** Runs `task` every `everyMs` until stopped, without keeping the process alive for it (upkeep: heartbeats, sweeps). */
export class RepeatingTask {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly everyMs: number,
    private readonly task: () => Promise<void>,
  ) {}

  start(): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.task(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
