import { Logger } from '@nestjs/common';
import { ConfigurationCommands } from '@switchboard/configuration/application';
import { AgentSessions } from '@switchboard/read-models';

/**
 * Every replica beats and reaps every 5 s; a gateway silent for 10 s is taken
 * for dead, with its connections: a dead gateway's agents go offline 10–15 s
 * after its last beat (ADR 0039). A beat is one row per process.
 */
const BEAT_MS = 5_000;
const STALE_AFTER_SECONDS = 10;

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
  /** Set when upkeep failed (the database unreachable, say), cleared by the first beat after it. */
  private failedAt: number | undefined;
  /** The first successful beat after a failure. */
  private recoveredAt: number | undefined;

  constructor(
    private readonly sessions: AgentSessions,
    private readonly commands: ConfigurationCommands,
    /** The connections this process holds (logged in, or logging in). */
    private readonly liveConnections: () => Iterable<string>,
  ) {}

  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), BEAT_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async tick(staleAfterSeconds = STALE_AFTER_SECONDS): Promise<void> {
    try {
      await this.sessions.beat();
      if (this.failedAt !== undefined) {
        this.failedAt = undefined;
        this.recoveredAt = Date.now();
      }
      const gone = await this.sessions.retain([...this.liveConnections()]);
      // Just back from an outage: the other replicas could not beat either; give them a full window before reaping them.
      const othersHadTheirChance = this.recoveredAt === undefined || Date.now() - this.recoveredAt >= staleAfterSeconds * 1000;
      if (othersHadTheirChance) gone.push(...(await this.sessions.reap(staleAfterSeconds)));
      for (const { organizationId, agentId } of gone) {
        await this.commands.agent(organizationId, agentId, { type: 'set_routing_status', id: agentId, status: 'offline' }).catch(() => undefined);
      }
    } catch (error) {
      this.failedAt ??= Date.now();
      this.logger.warn(`presence upkeep failed: ${(error as Error).message}`);
    }
  }
}
