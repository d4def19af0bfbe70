/**
 * What any request may carry, whatever its method (ADR 0008). Every string of
 * a payload ends up in PostgreSQL text or jsonb, which refuse NUL characters
 * and unpaired surrogates; every JSON value is stored and later rendered by
 * every read path, so its depth and size are bounded where it comes in.
 */
import { ApiError } from '../errors';

/** The documented input limits (README "Limits"). Lengths are in UTF-16 code units unless said otherwise. */
export const LIMITS = {
  /** Chat, thread, event, agent, customer, organization, form and property ids and names of keys. */
  idLength: 256,
  /** Display names of agents, groups, customers. */
  nameLength: 180,
  /** E-mail addresses (RFC 5321 path limit). */
  emailLength: 254,
  /** URLs (file, avatar, page, image). */
  urlLength: 2048,
  /** Other free text: labels, titles, button texts, property and session field values. */
  textLength: 4096,
  /** Message event text, in bytes of UTF-8. */
  messageBytes: 16 * 1024,
  /** An access token inside a payload (RTM `login`). */
  tokenLength: 4096,
  /** A `page_id` carries the first page's filters, so it is longer than an id. */
  pageIdLength: 16 * 1024,
  /** RTM `request_id`, `action`, `author_id` and the like: stored in event metadata. */
  requestIdLength: 128,
  /** Elements of a stored list (form fields, options, session fields, chat users, initial events). */
  listLength: 100,
  /** Free-form JSON (custom event `content`, `customer_side_storage`): nesting levels. */
  jsonDepth: 16,
  /** Free-form JSON and property maps: approximate size as UTF-8 JSON. */
  jsonBytes: 32 * 1024,
  /** Any payload, whether its method has a schema or not: nesting levels. */
  payloadDepth: 32,
  /** Any payload: approximate size as UTF-8 JSON (the transports refuse bodies and frames over 1 MB first). */
  payloadBytes: 1024 * 1024,
  /** Largest integer stored as a PostgreSQL `integer` (group ids, counts). */
  int32Max: 2 ** 31 - 1,
  int32Min: -(2 ** 31),
} as const;

/** Where in a payload a problem is, as zod reports paths. */
export type JsonPath = Array<string | number>;

/** A value that must not be stored, and where it sits. */
export interface JsonProblem {
  path: JsonPath;
  message: string;
}

export interface JsonBounds {
  /** Most nesting levels of objects and arrays; `{}` is one level. */
  maxDepth: number;
  /** Most bytes of (approximately) serialized UTF-8 JSON. */
  maxBytes: number;
}

const NUL = '\u0000';
const SURROGATE = /[\uD800-\uDFFF]/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNPAIRED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored (PostgreSQL refuses NUL and invalid Unicode), or undefined when it can. */
export function stringProblem(value: string): string | undefined {
  if (value.includes(NUL)) return 'must not contain NUL characters';
  // Most strings have no surrogate at all: one cheap scan before the exact one.
  if (SURROGATE.test(value) && UNPAIRED.test(value)) return 'must not contain unpaired surrogates (invalid Unicode)';
  return undefined;
}

/**
 * Checks a JSON value in one walk: every string and key storable, every
 * number finite, nesting and size within `bounds`. The walk recurses, but it
 * checks the depth before descending, so it is never deeper than `maxDepth`
 * frames whatever the input; nothing is serialized.
 *
 * @returns the first problem found, or undefined when the value may be stored
 */
export function inspectJson(value: unknown, bounds: JsonBounds): JsonProblem | undefined {
  const path: JsonPath = [];
  let bytes = 0;

  const visit = (node: unknown, depth: number): string | undefined => {
    switch (typeof node) {
      case 'string':
        bytes += Buffer.byteLength(node, 'utf8') + 2;
        return stringProblem(node) ?? tooBig();
      case 'number':
        bytes += String(node).length;
        return Number.isFinite(node) ? tooBig() : 'must be a finite number';
      case 'boolean':
        bytes += node ? 4 : 5;
        return tooBig();
      case 'object':
        if (node === null) {
          bytes += 4;
          return tooBig();
        }
        if (depth >= bounds.maxDepth) return `must not be nested more than ${bounds.maxDepth} levels deep`;
        bytes += 2;
        if (Array.isArray(node)) {
          for (let i = 0; i < node.length; i++) {
            path.push(i);
            bytes += 1;
            const problem = visit(node[i], depth + 1);
            if (problem) return problem;
            path.pop();
          }
          return tooBig();
        }
        for (const key of Object.keys(node)) {
          const keyProblem = stringProblem(key);
          if (keyProblem) return `keys ${keyProblem}`;
          bytes += Buffer.byteLength(key, 'utf8') + 4;
          path.push(key);
          const problem = visit((node as Record<string, unknown>)[key], depth + 1);
          if (problem) return problem;
          path.pop();
        }
        return tooBig();
      default:
        // undefined (an absent optional field after parsing) is simply not stored.
        return node === undefined ? undefined : 'must be a JSON value';
    }
  };
  const tooBig = (): string | undefined => (bytes > bounds.maxBytes ? `must be at most ${bounds.maxBytes} bytes as JSON` : undefined);

  const message = visit(value, 0);
  return message === undefined ? undefined : { path, message };
}

const SEGMENT_SHOWN = 64;

/** `event.content.a.b` as the start of an error message; a long key is cut so the message stays short. */
export function describePath(path: readonly PropertyKey[], fallback = 'payload'): string {
  if (path.length === 0) return fallback;
  return path
    .map((segment) => {
      const text = String(segment);
      return text.length > SEGMENT_SHOWN ? `${text.slice(0, SEGMENT_SHOWN)}…` : text;
    })
    .join('.');
}

/**
 * The pre-pass of every payload, for methods with and without a schema:
 * storable strings and keys, finite numbers, at most {@link LIMITS.payloadDepth}
 * levels and {@link LIMITS.payloadBytes}.
 *
 * @throws ApiError `validation` naming the field, e.g. `event.content.a: must not contain NUL characters`
 */
export function assertStorablePayload(payload: unknown, field?: string): void {
  const problem = inspectJson(payload, { maxDepth: LIMITS.payloadDepth, maxBytes: LIMITS.payloadBytes });
  if (!problem) return;
  const path = field === undefined ? problem.path : [field, ...problem.path];
  throw new ApiError('validation', `${describePath(path)}: ${problem.message}`);
}

/**
 * A string outside any payload (query parameter, RTM envelope field, cookie
 * value): storable and at most `maxLength` long.
 *
 * @throws ApiError `validation` `<name>: <problem>`
 */
export function assertStorableString(name: string, value: string, maxLength: number): void {
  const problem = value.length > maxLength ? `must be at most ${maxLength} characters` : stringProblem(value);
  if (problem) throw new ApiError('validation', `${name}: ${problem}`);
}
