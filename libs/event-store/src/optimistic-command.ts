import { VersionConflictError } from './errors';
import { EventStore } from './event-store.port';

/** How a stream's events become a state, and a command on it becomes new events (or throws a rule error). */
export interface StreamDecider<S, C, E> {
  fold: (events: E[]) => S;
  decide: (state: S, command: C) => E[];
}

export interface OptimisticCommandOptions {
  organizationId: string;
  streamId: string;
  /** Carried by every event appended. */
  metadata?: Record<string, unknown>;
  /** What to throw instead of an error from deciding or appending (a rule error as the API's); default: the error itself. */
  mapError?: (error: unknown) => unknown;
}

const MAX_ATTEMPTS = 8;

/**
 * Reads the stream, folds it, decides the command and appends what it
 * decided at the version read (nothing when it decided nothing); re-reads and
 * decides again when another writer appended first, up to 8 attempts.
 * Resolves with the events appended.
 */
export async function executeOptimistically<S, C, E extends { type: string; data: unknown }>(
  store: Pick<EventStore, 'readStream' | 'append'>,
  decider: StreamDecider<S, C, E>,
  command: C,
  { organizationId, streamId, metadata = {}, mapError = (error) => error }: OptimisticCommandOptions,
): Promise<E[]> {
  for (let attempt = 1; ; attempt++) {
    const { version, events } = await store.readStream(streamId, { organizationId });
    let decided: E[];
    try {
      decided = decider.decide(decider.fold(events.map((e) => ({ type: e.type, data: e.data }) as E)), command);
    } catch (error) {
      throw mapError(error);
    }
    if (decided.length === 0) return decided;
    try {
      await store.append(
        streamId,
        decided.map((e) => ({ type: e.type, data: e.data, metadata })),
        { organizationId, expectedVersion: version },
      );
      return decided;
    } catch (error) {
      if (error instanceof VersionConflictError && attempt < MAX_ATTEMPTS) continue;
      throw mapError(error);
    }
  }
}
