import { ApiError } from '@switchboard/protocol';
import { ActionRegistry } from './action-registry';
import { RequestContext } from './context';
import { withRequestTimeout } from './request-timeout';

const context: RequestContext = {
  api: 'agent',
  organizationId: 'org',
  requester: { id: 'jo@acme.example', type: 'agent', scopes: [] },
  transport: 'web',
};

describe('request timeout', () => {
  it('answers request_timeout when the work has not finished in time, and lets the work finish on its own', async () => {
    let finished = false;
    const work = new Promise<string>((resolve) => setTimeout(() => resolve('late'), 100)).then((value) => {
      finished = true;
      return value;
    });
    const error = await withRequestTimeout(work, 20).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ type: 'request_timeout', message: 'Request timed out' });
    await expect(work).resolves.toBe('late');
    expect(finished).toBe(true);
  });

  it('passes the answer or the failure of work that finishes in time', async () => {
    await expect(withRequestTimeout(Promise.resolve(42), 1000)).resolves.toBe(42);
    await expect(withRequestTimeout(Promise.reject(new ApiError('not_found')), 1000)).rejects.toMatchObject({ type: 'not_found' });
  });

  it('does not leave a late failure of abandoned work unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const work = new Promise((_, reject) => setTimeout(() => reject(new Error('late failure')), 30));
      await expect(withRequestTimeout(work, 5)).rejects.toMatchObject({ type: 'request_timeout' });
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('applies to every handler dispatched through the registry', async () => {
    const registry = new ActionRegistry('agent', { requestTimeoutMs: 20 });
    registry.register('get_chat', () => new Promise((resolve) => setTimeout(() => resolve({}), 200)));
    registry.register('list_chats', async () => ({ chats_summary: [] }));
    await expect(registry.dispatch(context, 'get_chat', { chat_id: 'PJ0MRSHTDG' })).rejects.toMatchObject({ type: 'request_timeout' });
    await expect(registry.dispatch(context, 'list_chats', {})).resolves.toEqual({ chats_summary: [] });
    expect(new ActionRegistry('agent').requestTimeoutMs).toBe(15_000);
  });
});
