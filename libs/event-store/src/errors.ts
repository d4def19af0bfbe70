import { ExpectedVersion } from './event-store.port';

/** Another writer appended first; re-read the stream, decide again, and retry. */
export class VersionConflictError extends Error {
  readonly retryable = true;
  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(`Stream ${streamId} is at version ${actualVersion}, expected ${expectedVersion}`);
    this.name = 'VersionConflictError';
  }
}

/** The stream exists and belongs to another organization. Reported as not found to callers. */
export class StreamOwnershipError extends Error {
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} belongs to another organization`);
    this.name = 'StreamOwnershipError';
  }
}
