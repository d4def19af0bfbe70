import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { corsMiddleware } from './cors.middleware';
import { CorsSettings, decideCors, parseOriginAllowList } from './cors-policy';

const defaults: CorsSettings = { customer: 'any', agent: new Set() };

describe('which browser origins may call which API', () => {
  it('a widget on any site may call the Customer Chat API and /customer/token; only the token endpoint is credentialed', () => {
    expect(decideCors(defaults, '/v3.5/customer/action/get_chat', 'https://shop.example')).toEqual({ allowOrigin: 'https://shop.example', credentials: false });
    expect(decideCors(defaults, '/customer/token', 'https://shop.example')).toEqual({ allowOrigin: 'https://shop.example', credentials: true });
    expect(decideCors(defaults, '/v2/customer/token', 'https://shop.example')).toMatchObject({ credentials: true });
  });

  it('by default no other site may call the Agent Chat, Configuration or /auth endpoints; listed origins may', () => {
    for (const path of ['/v3.4/agent/action/list_chats', '/v3.4/configuration/action/list_agents', '/auth/agent_token']) {
      expect(decideCors(defaults, path, 'https://evil.example')).toBeUndefined();
      expect(decideCors({ ...defaults, agent: new Set(['https://desk.example']) }, path, 'https://desk.example')).toEqual({ allowOrigin: 'https://desk.example', credentials: false });
    }
  });

  it('operator endpoints, files and same-origin requests (no Origin) get no CORS headers', () => {
    expect(decideCors({ customer: 'any', agent: 'any' }, '/admin/organizations', 'https://shop.example')).toBeUndefined();
    expect(decideCors(defaults, '/v3.4/customer/action/get_chat', undefined)).toBeUndefined();
  });

  it('an allow-list is * or origins without a path; anything else is a start-up error naming it', () => {
    expect(parseOriginAllowList('X', undefined, 'any')).toBe('any');
    expect(parseOriginAllowList('X', '', 'any')).toEqual(new Set());
    expect(parseOriginAllowList('X', 'https://a.example, http://localhost:3000', 'any')).toEqual(new Set(['https://a.example', 'http://localhost:3000']));
    expect(parseOriginAllowList('X', 'https://a.example,*', new Set())).toBe('any');
    expect(() => parseOriginAllowList('CORS_AGENT_ORIGINS', 'https://a.example/app', 'any')).toThrow('CORS_AGENT_ORIGINS: "https://a.example/app"');
    expect(() => parseOriginAllowList('X', 'a.example', 'any')).toThrow('not an origin');
  });
});

describe('the CORS middleware in front of the APIs', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const cors = corsMiddleware(defaults);
    server = createServer((request, response) => cors(request, response, () => response.writeHead(401).end('{}')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const preflight = (path: string, origin: string) =>
    fetch(`${url}${path}`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });

  it('answers a preflight of /customer/token itself, before authentication, allowing credentials', async () => {
    const response = await preflight('/customer/token', 'https://shop.example');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('Content-Type');
  });

  it('refuses the preflight of an origin not allowed, and adds nothing to its requests', async () => {
    expect((await preflight('/v3.4/agent/action/list_chats', 'https://evil.example')).status).toBe(403);
    const response = await fetch(`${url}/v3.4/agent/action/list_chats`, { method: 'POST', headers: { Origin: 'https://evil.example' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets the handler answer an allowed request and marks the answer readable by that origin', async () => {
    const response = await fetch(`${url}/v3.4/customer/action/list_chats`, { method: 'POST', headers: { Origin: 'https://shop.example' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toBe('Origin');
  });
});
