import { Logger } from '@nestjs/common';
import { ConfigurationCommands } from '@switchboard/configuration/application';
import { AgentSessions } from '@switchboard/read-models';

const BEAT_MS = 10_000;
/** A gateway silent this long is taken for dead, with its connections. */
const STALE_AFTER_SECONDS = 45;

/**
 * Keeps agent presence true when a gateway dies without closing its sockets:
 * every replica beats for its own connections, and reaps the connections of
 * replicas that stopped beating — agents left with none go offline, so the
 * router stops giving them chats. It also drops its own sessions of
 * connections it no longer holds (a close or login the database missed
 * during an outage), so presence heals by itself once the database is back.
 */
export class PresenceKeeper {
  private readonly logger = new Logger('presence');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sessions: AgentSessions,
    private readonly commands: ConfigurationCommands,
    /** The connections this process holds (logged in, or logging in). */
    private readonly liveConnections: () => Iterable<string>,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), BEAT_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async tick(staleAfterSeconds = STALE_AFTER_SECONDS): Promise<void> {
    try {
      await this.sessions.beat();
      const gone = [...(await this.sessions.retain([...this.liveConnections()])), ...(await this.sessions.reap(staleAfterSeconds))];
      for (const { organizationId, agentId } of gone) {
        await this.commands.agent(organizationId, agentId, { type: 'set_routing_status', id: agentId, status: 'offline' }).catch(() => undefined);
      }
    } catch (error) {
      this.logger.warn(`presence upkeep failed: ${(error as Error).message}`);
    }
  }
}
