import { ApiError } from '../errors';
import { PageIdCodec } from './page-id';

const codec = PageIdCodec.fromServerKey(Buffer.alloc(32, 7));

function rejection(scope: string, pageId: unknown): unknown {
  try {
    codec.decode(scope, pageId);
  } catch (error) {
    return error;
  }
  throw new Error('expected the page id to be rejected');
}

describe('page ids', () => {
  it('round-trips pagination state through an opaque URL-safe string', () => {
    const state = { after: '2019-12-17T07:57:41.512000Z', filters: { group_ids: [0, 19] }, limit: 10, sort_order: 'desc', q: 'zażółć ?&/' };
    const pageId = codec.encode('agent/list_chats', state);
    expect(pageId).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(codec.decode('agent/list_chats', pageId)).toEqual(state);
  });

  const made = codec.encode('agent/list_chats', { offset: 10, limit: 10, sort_order: 'desc' });
  const [body, signature] = made.split('.');
  const forgedBody = Buffer.from(JSON.stringify({ offset: -5, limit: 100_000, sort_order: 'desc' })).toString('base64url');

  it.each([
    ['an empty string', ''],
    ['characters outside base64', 'not a page id!'],
    ['an unsigned page id of the old kind', body],
    ['base64 JSON of the client’s own making', `${forgedBody}.${'A'.repeat(43)}`],
    ['altered state under the original signature', `${forgedBody}.${signature}`],
    ['a truncated signature', made.slice(0, -1)],
    ['a signature made with another key', PageIdCodec.fromServerKey(Buffer.alloc(32, 8)).encode('agent/list_chats', { offset: 10 })],
    ['a number', 12],
  ])('rejects %s as validation', (_, pageId) => {
    expect(rejection('agent/list_chats', pageId)).toMatchObject({ type: 'validation', message: 'page_id: Invalid page id' });
  });

  it('accepts a page id only for the method (and chat) it came from', () => {
    expect(rejection('customer/list_chats', made)).toBeInstanceOf(ApiError);
    const threads = codec.encode('agent/list_threads/PJ0MRSHTDG', { offset: 3 });
    expect(codec.decode('agent/list_threads/PJ0MRSHTDG', threads)).toEqual({ offset: 3 });
    expect(rejection('agent/list_threads/OTHERCHAT1', threads)).toMatchObject({ type: 'validation' });
  });
});
