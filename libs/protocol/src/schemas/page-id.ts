/**
 * Opaque `page_id` values (data-structures §8). The first page's filters, sort
 * order and limit travel inside the page id, so follow-up requests carry only
 * `page_id`. Clients must treat it as opaque; we use base64url JSON.
 */
import { ApiError } from '../errors';

const BASE64 = /^[A-Za-z0-9_+/-]+={0,2}$/;

/** Encodes pagination state (cursor, remembered filters, …) as a page id. */
export function encodePageId(state: object): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

/**
 * Decodes a page id made by {@link encodePageId}.
 *
 * @throws ApiError `validation` when the page id was not made by us (tampered, truncated, foreign)
 */
export function decodePageId(pageId: string): Record<string, unknown> {
  const invalid = new ApiError('validation', 'page_id: Invalid page id');
  if (typeof pageId !== 'string' || pageId === '' || !BASE64.test(pageId)) throw invalid;
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(pageId, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof state !== 'object' || state === null || Array.isArray(state)) throw invalid;
  return state as Record<string, unknown>;
}
