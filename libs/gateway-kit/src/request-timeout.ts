import { ApiError } from '@switchboard/protocol';

/** The spec's request processing timeout (`request_timeout`). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/**
 * Resolves or rejects as `work` does, or rejects with `request_timeout` once
 * `timeoutMs` has passed. The work itself is not cancelled: it may still
 * finish (and commit) in the background, as a client that gave up would
 * find on its next read.
 */
export function withRequestTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ApiError('request_timeout')), timeoutMs);
  });
  // A late failure of the abandoned work is settled by the race, never unhandled.
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
