import { ServerResponse } from 'node:http';
import { ApiError } from '@switchboard/protocol';
import { ActionRegistry } from './action-registry';
import { RequestContext } from './context';
import { sendError } from './web/web-api';

const context: RequestContext = {
  api: 'agent',
  organizationId: 'org',
  requester: { id: 'jo@acme.example', type: 'agent', scopes: [] },
  transport: 'web',
};

/**
 * Every method of the catalogue is built by now, so no request over the wire
 * meets a method that is not: the answer such a method gets is kept here.
 */
describe('a method of the catalogue with no handler', () => {
  it('is service_unavailable with reason not_implemented, answered as HTTP 501 on the Web API', async () => {
    const error = await new ActionRegistry('agent').dispatch(context, 'list_chats', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ type: 'service_unavailable', data: { reason: 'not_implemented' } });

    const response = { setHeader: jest.fn(), writeHead: jest.fn(), end: jest.fn() };
    expect(sendError(response as unknown as ServerResponse, error)).toBe('service_unavailable');
    expect(response.writeHead).toHaveBeenCalledWith(501, expect.anything());
    expect(JSON.parse(response.end.mock.calls[0][0])).toMatchObject({ error: { type: 'service_unavailable', data: { reason: 'not_implemented' } } });
  });
});
