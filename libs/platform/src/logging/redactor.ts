/** What stands in a log line where a secret was. */
export const REDACTED = '[REDACTED]';

/** Keys whose values never reach a log line, whatever they hold (headers, payload fields, settings). */
const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|token|access_token|refresh_token|admin_token|token_secret|secret|client_secret|password|database_url)$/i;

const SECRET_FIELD = '(?:token|access_token|refresh_token|admin_token|token_secret|secret|client_secret|password)';

/** Secrets as they show up inside free text: error messages, stack traces, echoed requests. */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // Credentials in a URL: postgres://user:password@host (DATABASE_URL in a connection error).
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)[^\s@/]+@/gi, `$1${REDACTED}@`],
  // An Authorization header's value.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=:-]+/g, `$1 ${REDACTED}`],
  // A Switchboard access token anywhere (`dal:<claims>.<signature>`).
  [/\b(?:dal|fra):[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g, REDACTED],
  // "token": "…" in JSON, token=… in a query string or key=value text.
  [new RegExp(`("${SECRET_FIELD}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), `$1"${REDACTED}"`],
  [new RegExp(`\\b(${SECRET_FIELD}=)[^&\\s"']+`, 'gi'), `$1${REDACTED}`],
];

/** Shorter known values are not hunted for: replacing every "pw" in a log would garble it and hide nothing. */
const MIN_SECRET_LENGTH = 8;
const MAX_DEPTH = 6;

/**
 * Takes secrets out of what is logged: values under secret keys, credentials
 * and tokens recognisable in text, and the exact values of the secrets this
 * process was configured with. Runs only for lines that are written, so it
 * costs nothing on the hot path.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** A value that must never be logged verbatim (TOKEN_SECRET, ADMIN_TOKEN, the database password…). */
  addSecret(value: string | undefined): void {
    if (value && value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
  }

  text(text: string): string {
    let result = text;
    for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
    for (const secret of this.secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    return result;
  }

  /** A copy of `value` with secrets taken out (objects and arrays to a bounded depth). */
  value(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object') return value;
    if (depth >= MAX_DEPTH) return '[…]';
    if (value instanceof Error) return this.error(value);
    if (Array.isArray(value)) return value.map((item) => this.value(item, depth + 1));
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = SECRET_KEY.test(key) ? REDACTED : this.value(item, depth + 1);
    }
    return copy;
  }

  /** An error as a log field: its type, message and stack, secrets taken out. */
  error(error: Error): { type: string; message: string; stack?: string } {
    return {
      type: error.name,
      message: this.text(error.message),
      ...(error.stack !== undefined && { stack: this.text(error.stack) }),
    };
  }
}

/** The password of a connection URL, to hunt for wherever else it might show up. */
export function urlPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
