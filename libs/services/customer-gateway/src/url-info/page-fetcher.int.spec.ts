import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { ApiError } from '@switchboard/protocol';
import { pngImage } from '@switchboard/testing';
import { urlInfo } from '../url-info.handlers';
import { isPublicAddress } from '@switchboard/platform';
import { PageFetcher } from './page-fetcher';

const PAGE = '<html><head><title>Local page</title><meta property="og:description" content="Served by the test"></head></html>';

const OG = (image: string, width?: number, height?: number) =>
  `<title>With image</title><meta property="og:image" content="${image}">` +
  (width ? `<meta property="og:image:width" content="${width}"><meta property="og:image:height" content="${height}">` : '');

/** A local web server whose routes the tests pick. */
function startServer(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; base: string }> {
  const server = createServer(handle);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

async function failure(promise: Promise<unknown>): Promise<{ type: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return { type: (error as ApiError).type, message: (error as ApiError).message };
  }
  throw new Error('expected a failure');
}

describe('fetching pages for get_url_info', () => {
  let server: Server;
  let base: string;
  let port: number;
  let bigPageBytesSent = 0;
  let hugeImageBytesSent = 0;
  const fetchers: PageFetcher[] = [];
  const fetcher = (...args: ConstructorParameters<typeof PageFetcher>) => {
    const created = new PageFetcher(...args);
    fetchers.push(created);
    return created;
  };

  beforeAll(async () => {
    ({ server, base } = await startServer((req, res) => {
      const path = req.url ?? '/';
      if (path === '/page') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      if (path.startsWith('/hops/')) {
        const left = Number(path.split('/')[2]);
        return void res.writeHead(302, { location: left > 0 ? `/hops/${left - 1}` : '/page' }).end();
      }
      if (path === '/to-mapped') return void res.writeHead(301, { location: `http://[::ffff:127.0.0.2]:${port}/page` }).end();
      if (path === '/big') {
        // Far more than the cap: the fetch must stop reading, not wait for it all.
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<title>Big page</title>');
        const chunk = Buffer.alloc(64 * 1024, 'x');
        const more = () => {
          while (bigPageBytesSent < 64 * 1024 * 1024 && !res.destroyed) {
            bigPageBytesSent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          res.end();
        };
        return more();
      }
      if (path === '/slow') return; // never answers
      if (path === '/real.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(pngImage(37, 21));
      if (path === '/lying') return void res.writeHead(200, { 'content-type': 'text/html' }).end(OG('/real.png', 1200, 630));
      if (path === '/undeclared') return void res.writeHead(200, { 'content-type': 'text/html' }).end(OG('/real.png'));
      if (path === '/broken-image') return void res.writeHead(200, { 'content-type': 'text/html' }).end(OG('/page', 800, 600));
      if (path === '/missing-image') return void res.writeHead(200, { 'content-type': 'text/html' }).end(OG('/nothing.png', 800, 600));
      if (path === '/redirected-image') return void res.writeHead(302, { location: '/real.png' }).end();
      if (path === '/huge-image') {
        // An endless stream that is no image `image-size` reads: the measuring stops at its cap.
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.write(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
        const chunk = Buffer.alloc(64 * 1024, 0);
        const more = () => {
          while (hugeImageBytesSent < 64 * 1024 * 1024 && !res.destroyed) {
            hugeImageBytesSent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          res.end();
        };
        return more();
      }
      if (path === '/image') return void res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(10));
      res.writeHead(404, { 'content-type': 'text/html' }).end('<title>Not here</title>');
    }));
    port = Number(new URL(base).port);
  });
  afterAll(async () => {
    await Promise.all(fetchers.map((f) => f.close()));
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads a page from a local server when private addresses are allowed', async () => {
    const page = await fetcher(() => true).fetch(`${base}/page#section`);
    expect(page).toEqual({ url: `${base}/page`, html: PAGE });
  });

  it('refuses loopback by default: as an IP literal, IPv4-mapped IPv6, or a host name resolving to it', async () => {
    const guarded = fetcher();
    expect(await failure(guarded.fetch(`${base}/page`))).toEqual({ type: 'validation', message: 'url: 127.0.0.1 is a private, loopback or link-local address' });
    expect(await failure(guarded.fetch(`http://[::ffff:127.0.0.1]:${port}/page`))).toMatchObject({ type: 'validation' });
    expect(await failure(guarded.fetch(`http://[::1]:${port}/page`))).toMatchObject({ type: 'validation' });
    expect(await failure(guarded.fetch(`http://localhost:${port}/page`))).toEqual({
      type: 'validation',
      message: 'url: localhost resolves to a private, loopback or link-local address',
    });
    expect(await failure(guarded.fetch('http://169.254.169.254/latest/meta-data/'))).toMatchObject({ type: 'validation' });
  });

  it('checks every redirect again: a page allowed to this server cannot send the fetch elsewhere', async () => {
    // Only 127.0.0.1 itself is allowed: a hop to a name or address resolving anywhere else is refused.
    const onlyThisServer = fetcher((address) => address === '127.0.0.1' || isPublicAddress(address));
    expect((await onlyThisServer.fetch(`${base}/hops/1`)).url).toBe(`${base}/page`);
    expect(await failure(onlyThisServer.fetch(`${base}/to-mapped`))).toMatchObject({ type: 'validation' });
  });

  it('follows a few redirects, not more', async () => {
    const allowAll = fetcher(() => true);
    expect((await allowAll.fetch(`${base}/hops/4`)).url).toBe(`${base}/page`);
    expect(await failure(allowAll.fetch(`${base}/hops/5`))).toEqual({ type: 'not_found', message: 'Could not read the page: more than 5 redirects' });
  });

  it('reads only the beginning of an oversized page and stops downloading it', async () => {
    const capped = fetcher(() => true, { timeoutMs: 10_000, maxBytes: 100_000, maxRedirects: 5 });
    const page = await capped.fetch(`${base}/big`);
    expect(page.html.startsWith('<title>Big page</title>')).toBe(true);
    expect(page.html).toHaveLength(100_000);
    expect(bigPageBytesSent).toBeLessThan(64 * 1024 * 1024);
  });

  it('gives up on a page that does not answer in time', async () => {
    const impatient = fetcher(() => true, { timeoutMs: 300, maxBytes: 100_000, maxRedirects: 5 });
    const started = Date.now();
    expect(await failure(impatient.fetch(`${base}/slow`))).toEqual({ type: 'not_found', message: 'Could not read the page: no answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses what is no web page: other schemes, credentials, error statuses, images', async () => {
    const allowAll = fetcher(() => true);
    expect(await failure(allowAll.fetch('ftp://example.com/file'))).toEqual({ type: 'validation', message: 'url: must be an http or https URL' });
    expect(await failure(allowAll.fetch('not a url'))).toEqual({ type: 'validation', message: 'url: must be an absolute URL' });
    expect(await failure(allowAll.fetch(`http://user:pw@127.0.0.1:${port}/page`))).toEqual({ type: 'validation', message: 'url: must not carry credentials' });
    expect(await failure(allowAll.fetch(`${base}/missing`))).toEqual({ type: 'not_found', message: 'Could not read the page: HTTP status 404' });
    expect(await failure(allowAll.fetch(`${base}/image`))).toEqual({ type: 'not_found', message: 'Could not read the page: not an HTML page (image/png)' });
  });

  it('reports the measured dimensions of the page image, over what the page declares or when it declares none', async () => {
    const allowAll = fetcher(() => true);
    expect(await urlInfo(allowAll, `${base}/lying`)).toMatchObject({ image_url: `${base}/real.png`, image_width: 37, image_height: 21 });
    expect(await urlInfo(allowAll, `${base}/undeclared`)).toMatchObject({ image_width: 37, image_height: 21 });
    expect(await allowAll.measureImage(`${base}/redirected-image`)).toEqual({ width: 37, height: 21 });
  });

  it('falls back to the declared dimensions when the image is refused, missing or no image', async () => {
    const allowAll = fetcher(() => true);
    expect(await urlInfo(allowAll, `${base}/broken-image`)).toMatchObject({ title: 'With image', image_width: 800, image_height: 600 });
    expect(await urlInfo(allowAll, `${base}/missing-image`)).toMatchObject({ title: 'With image', image_width: 800, image_height: 600 });
    // The page may be read from this server, its image (on a loopback address) is refused by the address policy.
    const pageOnly = fetcher((address) => address === '127.0.0.1');
    const refusing = fetcher();
    expect(await refusing.measureImage(`${base}/real.png`)).toBeUndefined();
    expect(await refusing.measureImage(`http://localhost:${port}/real.png`)).toBeUndefined();
    expect(await pageOnly.measureImage(`http://[::1]:${port}/real.png`)).toBeUndefined();
    expect(await allowAll.measureImage('ftp://example.com/a.png')).toBeUndefined();
  });

  it('stops downloading an image at its cap, and waits for one only so long', async () => {
    const capped = fetcher(() => true, { imageMaxBytes: 64 * 1024 });
    expect(await capped.measureImage(`${base}/huge-image`)).toBeUndefined();
    expect(hugeImageBytesSent).toBeLessThan(64 * 1024 * 1024);
    const impatient = fetcher(() => true, { imageTimeoutMs: 300 });
    const started = Date.now();
    expect(await impatient.measureImage(`${base}/slow`)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
