import { ApiError } from './errors';

/** The protocol version Switchboard speaks; pushes carry it in their `version` field. */
export const PROTOCOL_VERSION = '3.4';

/** Minor versions of the 3.x line we answer: 3.4 and anything newer. */
const LOWEST_MINOR = 4;

// `v` appears in URL paths (`/v3.4/`), bare numbers in `X-API-Version` and RTM `version`.
// No leading zeros: `3.04` is not a version any client sends.
const VERSION_PATTERN = /^v?3\.(0|[1-9]\d*)$/;

/**
 * Normalises an API version from a URL path segment, the `X-API-Version` header
 * or an RTM frame's `version` field (`v3.4`, `3.4`, `3.5`, …) to its bare form (`'3.4'`).
 *
 * Newer 3.x versions are accepted because RTM clients may ask for a single
 * method in a higher version; we answer them with the 3.4 behaviour.
 *
 * @throws ApiError `unsupported_version` for anything older than 3.4, outside 3.x, or malformed
 */
export function parseApiVersion(raw: string): string {
  const match = VERSION_PATTERN.exec(typeof raw === 'string' ? raw.trim() : '');
  const minor = match ? Number(match[1]) : -1;
  if (minor < LOWEST_MINOR) throw new ApiError('unsupported_version');
  return `3.${minor}`;
}

/**
 * Orders two versions returned by {@link parseApiVersion} (negative when `a` is
 * older). RTM requests may not ask for a version lower than their connection's.
 */
export function compareApiVersions(a: string, b: string): number {
  const minor = (version: string): number => Number(version.split('.')[1]);
  return minor(a) - minor(b);
}
