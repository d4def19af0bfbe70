import { randomUUID } from 'node:crypto';
import { ChatService } from '@switchboard/chat/application';
import { SqlExecutor } from '@switchboard/event-store';
import { InactivitySweep } from './inactivity-sweep';
import { OwnedTimer, TimerLease } from './timer-ownership';

/** How often the inactivity sweep runs: six times per settings minute, at most every 10 s in production. */
export const sweepIntervalMs = (minuteMs: number) => Math.max(100, Math.round(minuteMs / 6));

/**
 * The inactivity timer of one router process: the sweep, run by whichever
 * replica holds the `inactivity` lease (renewed every sweep, lost three
 * sweeps after its holder stops).
 */
export function inactivityTimer(db: SqlExecutor, chats: ChatService, minuteMs: number, onError: (error: Error) => void, owner = randomUUID()): OwnedTimer {
  const intervalMs = sweepIntervalMs(minuteMs);
  const sweep = new InactivitySweep(db, chats, minuteMs);
  const lease = new TimerLease(db, 'inactivity', owner, 3 * intervalMs);
  return new OwnedTimer(lease, intervalMs, async () => void (await sweep.run()), onError);
}
