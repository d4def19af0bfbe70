import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { selfSignedCertificate } from '@switchboard/testing';

/** Where the official customer SDK calls: the host it builds itself (production env). */
export const LIVECHAT_API = 'https://api.livechatinc.com';
/** The site the widget is embedded in: another origin (and site) than the API. */
export const SHOP_ORIGIN = 'https://shop.example';

const SDK_BUNDLE = join(__dirname, '../node_modules/@livechat/customer-sdk/dist/customer-sdk.js');

/**
 * A custom chat widget as integrators write them on @livechat/customer-sdk:
 * its UMD build, and an `identityProvider` taking tokens from Switchboard's
 * `/customer/token` (cookies included, cross-site). Everything it sees is
 * kept on `window.widget` for the test to read.
 */
function widgetHtml(organizationId: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Shop</title><script src="/customer-sdk.js"></script></head>
<body><script>
  const organizationId = ${JSON.stringify(organizationId)};
  const widget = (window.widget = { tokens: [], connected: [], disconnected: [], chats: [], events: [], deactivated: [], errors: [] });
  let cached = null;
  let pending = null;
  const fetchToken = () =>
    fetch(${JSON.stringify(LIVECHAT_API)} + '/customer/token', {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ organization_id: organizationId }),
    })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error('token: HTTP ' + response.status))))
      .then((token) => {
        widget.tokens.push(token.entity_id);
        return { accessToken: token.access_token, entityId: token.entity_id, expiresIn: token.expires_in * 1000, tokenType: token.token_type, creationDate: Date.now(), organizationId };
      });
  const provider = {
    getToken: () => (cached ? Promise.resolve(cached) : (pending = pending || fetchToken().then((token) => ((cached = token), (pending = null), token)))),
    hasToken: () => Promise.resolve(cached !== null),
    invalidate: () => ((cached = null), Promise.resolve()),
    getFreshToken: () => provider.invalidate().then(provider.getToken),
  };
  window.provider = provider;
  const sdk = (window.sdk = CustomerSDK.init({ organizationId, clientId: 'switchboard-browser-test', identityProvider: () => provider }));
  sdk.on('connected', (payload) => widget.connected.push({ at: performance.now(), customerId: payload.customer.id, availability: payload.availability }));
  sdk.on('disconnected', (payload) => widget.disconnected.push(payload));
  sdk.on('incoming_chat', (payload) => widget.chats.push(payload.chat.id));
  sdk.on('incoming_event', (payload) => widget.events.push({ chatId: payload.chatId, author: payload.event.author, text: payload.event.text, type: payload.event.type }));
  sdk.on('chat_deactivated', (payload) => widget.deactivated.push(payload.chatId));
</script></body></html>`;
}

export interface WidgetSite {
  /** `127.0.0.1:<port>`: where the browser's resolver sends shop.example. */
  host: string;
  close(): Promise<void>;
}

/** Serves the widget page (over HTTPS, as real sites are) for one organization. */
export async function startWidgetSite(organizationId: string): Promise<WidgetSite> {
  const bundle = readFileSync(SDK_BUNDLE);
  const server = createServer(selfSignedCertificate(), (request, response) => {
    if (request.url === '/customer-sdk.js') return void response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle);
    if (request.url === '/') return void response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(widgetHtml(organizationId));
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
