import { Inject, Injectable } from '@nestjs/common';
import { Infrastructure } from '../infrastructure/infrastructure';
import { INFRASTRUCTURE } from '../infrastructure/tokens';

export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  checks: Record<string, 'up' | 'down' | 'shutting_down'>;
}

/** Ready = not shutting down, the database answers and the bus carries messages. */
@Injectable()
export class Readiness {
  private shuttingDown = false;

  constructor(@Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure) {}

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async report(timeoutMs = 2000): Promise<ReadinessReport> {
    if (this.shuttingDown) return { status: 'not_ready', checks: { process: 'shutting_down' } };
    const probe = async (check: () => Promise<void>): Promise<'up' | 'down'> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      });
      try {
        await Promise.race([check(), timeout]);
        return 'up';
      } catch {
        return 'down';
      } finally {
        clearTimeout(timer);
      }
    };
    const [database, bus] = await Promise.all([
      probe(() => this.infrastructure.store.ping()),
      probe(() => this.infrastructure.bus.ping()),
    ]);
    const ready = database === 'up' && bus === 'up';
    return { status: ready ? 'ready' : 'not_ready', checks: { database, bus } };
  }
}
