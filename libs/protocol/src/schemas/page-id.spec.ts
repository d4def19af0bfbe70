import { ApiError } from '../errors';
import { decodePageId, encodePageId } from './page-id';

describe('page ids', () => {
  it('round-trips pagination state through an opaque URL-safe string', () => {
    const state = { after: '2019-12-17T07:57:41.512000Z', filters: { group_ids: [0, 19] }, limit: 10, sort_order: 'desc', q: 'zażółć ?&/' };
    const pageId = encodePageId(state);
    expect(pageId).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageId(pageId)).toEqual(state);
  });

  it.each([
    ['an empty string', ''],
    ['characters outside base64', 'not a page id!'],
    ['base64 of something that is not JSON', Buffer.from('1517398131496x').toString('base64')],
    ['base64 of a JSON array', Buffer.from('[1,2]').toString('base64url')],
    ['base64 of a JSON number', 'MTUxNzM5ODEzMTQ5Ng=='],
  ])('rejects %s as validation', (_, pageId) => {
    expect(() => decodePageId(pageId)).toThrow(ApiError);
    try {
      decodePageId(pageId);
    } catch (error) {
      expect(error).toMatchObject({ type: 'validation', message: 'page_id: Invalid page id' });
    }
  });
});
