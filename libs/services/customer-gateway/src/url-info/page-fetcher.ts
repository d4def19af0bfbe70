import { isIP } from 'node:net';
import { ApiError } from '@switchboard/protocol';
import { imageSize } from 'image-size';
import { Agent, Dispatcher, request } from 'undici';
import { guardedLookup, isPublicAddress, refusedIn } from '@switchboard/platform';

/** Limits of one `get_url_info` fetch. */
export interface PageFetchLimits {
  /** The whole fetch, redirects and body included. */
  timeoutMs: number;
  /** Bytes of the body read; the rest of a bigger page is not downloaded. */
  maxBytes: number;
  /** Redirects followed before giving up. */
  maxRedirects: number;
  /** The preview image's own fetch (after the page's), redirects included. */
  imageTimeoutMs: number;
  /** Bytes of the image read at most: `image-size` needs only its header. */
  imageMaxBytes: number;
}

export const DEFAULT_PAGE_FETCH_LIMITS: PageFetchLimits = {
  timeoutMs: 5000,
  maxBytes: 512 * 1024,
  maxRedirects: 5,
  imageTimeoutMs: 2000,
  imageMaxBytes: 64 * 1024,
};

/** An image's measured dimensions. */
export interface ImageDimensions {
  width: number;
  height: number;
}

/** A fetched page: the URL it was finally served from and the beginning of its HTML. */
export interface FetchedPage {
  url: string;
  html: string;
}

const HTML_TYPES = /^\s*(text\/html|application\/xhtml\+xml)\b/i;

const notFound = (why: string) => new ApiError('not_found', `Could not read the page: ${why}`);

/**
 * Fetches web pages for `get_url_info` with undici, defending the servers it
 * runs among (ADR 0029): http(s) only, public addresses only (checked on
 * every hop, for IP literals before connecting and for host names at connect
 * time), few redirects, a deadline and a byte cap. `isAllowed` says which
 * addresses may be fetched from: public ones ({@link isPublicAddress}), or any
 * with URL_INFO_ALLOW_PRIVATE (tests, closed networks).
 */
export class PageFetcher {
  private readonly agent: Agent;
  private readonly limits: PageFetchLimits;

  constructor(
    private readonly isAllowed: (address: string) => boolean = isPublicAddress,
    limits: Partial<PageFetchLimits> = {},
  ) {
    this.limits = { ...DEFAULT_PAGE_FETCH_LIMITS, ...limits };
    this.agent = new Agent({ connect: { timeout: this.limits.timeoutMs, lookup: guardedLookup(isAllowed) }, maxRedirections: 0 });
  }

  /**
   * @throws ApiError `validation` for a URL that is no absolute http(s) URL or
   *   points at a refused address; `not_found` when the page cannot be read
   *   (unreachable, not HTML, an error status, too many redirects, too slow)
   */
  async fetch(raw: string): Promise<FetchedPage> {
    const signal = AbortSignal.timeout(this.limits.timeoutMs);
    try {
      const { url, response } = await this.open(raw, signal, 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1');
      const contentType = String(response.headers['content-type'] ?? '');
      if (!HTML_TYPES.test(contentType)) {
        await response.body.dump();
        throw notFound(`not an HTML page (${contentType.split(';')[0] || 'no content type'})`);
      }
      return { url: url.href, html: decode(await this.readCapped(response.body, this.limits.maxBytes), contentType) };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      const refused = refusedIn(error);
      if (refused) throw new ApiError('validation', `url: ${refused.message}`);
      if (signal.aborted) throw notFound(`no answer within ${this.limits.timeoutMs} ms`);
      throw notFound((error as Error).message || 'connection failed');
    }
  }

  /**
   * The dimensions of the image at `raw`, measured by `image-size` from at
   * most `imageMaxBytes` of it (the download stops as soon as they are
   * known), fetched under the same address policy and redirect bound as
   * pages, within `imageTimeoutMs`. Never throws: `undefined` when the image
   * is refused, unreachable, too slow, or not an image `image-size` reads.
   */
  async measureImage(raw: string): Promise<ImageDimensions | undefined> {
    const signal = AbortSignal.timeout(this.limits.imageTimeoutMs);
    let body: Dispatcher.ResponseData['body'] | undefined;
    try {
      const { response } = await this.open(raw, signal, 'image/*;q=0.9,*/*;q=0.1');
      body = response.body;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of body) {
        chunks.push(chunk as Buffer);
        size += (chunk as Buffer).length;
        const measured = measure(Buffer.concat(chunks).subarray(0, this.limits.imageMaxBytes));
        if (measured || size >= this.limits.imageMaxBytes) return measured;
      }
      return measure(Buffer.concat(chunks));
    } catch {
      return undefined;
    } finally {
      body?.destroy();
    }
  }

  /**
   * POSTs `body` as JSON to `raw` under the same address policy (redirects
   * not followed), for callbacks such as e-mail verification's (ADR 0033).
   * @returns the response's status
   */
  async postJson(raw: string, body: unknown): Promise<number> {
    const url = this.parse(raw);
    this.checkLiteralAddress(url);
    const response = await request(url, {
      dispatcher: this.agent,
      method: 'POST',
      signal: AbortSignal.timeout(this.limits.timeoutMs),
      headers: { 'content-type': 'application/json', 'user-agent': 'Switchboard-Callback/1.0' },
      body: JSON.stringify(body),
    });
    await response.body.dump();
    return response.statusCode;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /**
   * GET `raw`, following at most `maxRedirects` redirects, each hop under the
   * address policy: the first response that is no redirect, when it is a 2xx.
   */
  private async open(raw: string, signal: AbortSignal, accept: string): Promise<{ url: URL; response: Dispatcher.ResponseData }> {
    let url = this.parse(raw);
    for (let redirects = 0; ; redirects++) {
      this.checkLiteralAddress(url);
      const response = await request(url, {
        dispatcher: this.agent,
        method: 'GET',
        signal,
        headers: { accept, 'user-agent': 'Switchboard-UrlInfo/1.0' },
      });
      const location = response.headers.location;
      if (response.statusCode >= 300 && response.statusCode < 400 && location) {
        await response.body.dump();
        if (redirects >= this.limits.maxRedirects) throw notFound(`more than ${this.limits.maxRedirects} redirects`);
        url = this.parse(new URL(String(location), url).href);
        continue;
      }
      if (response.statusCode < 200 || response.statusCode >= 300) {
        await response.body.dump();
        throw notFound(`HTTP status ${response.statusCode}`);
      }
      return { url, response };
    }
  }

  private parse(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ApiError('validation', 'url: must be an absolute URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ApiError('validation', 'url: must be an http or https URL');
    if (url.username || url.password) throw new ApiError('validation', 'url: must not carry credentials');
    url.hash = '';
    return url;
  }

  /** An IP literal opens its socket without a lookup: it is checked here. */
  private checkLiteralAddress(url: URL): void {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host) && !this.isAllowed(host)) {
      throw new ApiError('validation', `url: ${host} is a private, loopback or link-local address`);
    }
  }

  /** The first `maxBytes` of the body; the download stops there. */
  private async readCapped(body: AsyncIterable<Buffer> & { destroy(): unknown }, maxBytes: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= maxBytes) {
        body.destroy();
        break;
      }
    }
    return Buffer.concat(chunks).subarray(0, maxBytes);
  }
}

/** Width and height `image-size` reads from the bytes so far; `undefined` when it cannot (yet). */
function measure(bytes: Buffer): ImageDimensions | undefined {
  try {
    const { width, height } = imageSize(bytes);
    return width > 0 && height > 0 ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}

/** The body as text in the charset the response names (UTF-8 when it names none or one we do not know). */
function decode(bytes: Buffer, contentType: string): string {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
