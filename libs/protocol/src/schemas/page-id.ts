/**
 * Opaque `page_id` values (data-structures §8). The first page's filters, sort
 * order and limit travel inside the page id, so follow-up requests carry only
 * `page_id`. A page id is `<base64url JSON>.<HMAC-SHA256>`: a client cannot
 * forge or alter one (a negative offset, a limit of 100,000), nor use one of
 * another method or chat (ADR 0008).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors';

const PAGE_ID = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

/** Signs and checks page ids. The protocol library holds no secret: the server hands one in. */
export class PageIdCodec {
  /** @param key secret bytes only this deployment knows (every replica the same) */
  constructor(private readonly key: Buffer) {
    if (key.length < 16) throw new Error('A page id key must have at least 16 bytes');
  }

  /** A codec whose key is derived from the server's token key, so no new secret is needed. */
  static fromServerKey(serverKey: Buffer): PageIdCodec {
    return new PageIdCodec(createHmac('sha256', serverKey).update('page-id').digest());
  }

  /**
   * @param scope what the page id is valid for: the method, and the chat for `list_threads`
   * @param state pagination state (offset, limit, remembered filters …)
   */
  encode(scope: string, state: object): string {
    const body = Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
    return `${body}.${this.mac(scope, body)}`;
  }

  /**
   * The state inside a page id made by {@link encode} for the same `scope`.
   *
   * @throws ApiError `validation` "page_id: Invalid page id" when it was not (forged, altered, truncated, foreign)
   */
  decode(scope: string, pageId: unknown): Record<string, unknown> {
    const invalid = new ApiError('validation', 'page_id: Invalid page id');
    const match = typeof pageId === 'string' ? PAGE_ID.exec(pageId) : null;
    if (!match) throw invalid;
    const [, body, signature] = match;
    const expected = Buffer.from(this.mac(scope, body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid;
    let state: unknown;
    try {
      state = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw invalid;
    }
    if (typeof state !== 'object' || state === null || Array.isArray(state)) throw invalid;
    return state as Record<string, unknown>;
  }

  // The body is base64url (no newline), so `scope \n body` cannot be read two ways.
  private mac(scope: string, body: string): string {
    return createHmac('sha256', this.key).update(scope).update('\n').update(body).digest('base64url');
  }
}
