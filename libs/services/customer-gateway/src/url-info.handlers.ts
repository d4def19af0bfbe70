import { ActionRegistry } from '@switchboard/gateway-kit';
import { PayloadOf } from '@switchboard/protocol';
import { PageFetcher } from './url-info/page-fetcher';
import { extractPageMetadata } from './url-info/page-metadata';

/**
 * Customer `get_url_info`: a link preview of a web page. Switchboard keeps no
 * CDN copy of the image, so `image_url` is the page's own image URL (ADR 0029).
 */
export function registerUrlInfoHandlers(registry: ActionRegistry, fetcher: PageFetcher): void {
  registry.register('get_url_info', async (_context, payload: PayloadOf<'customer', 'get_url_info'>) => {
    const page = await fetcher.fetch(payload.url);
    const metadata = extractPageMetadata(page.html, page.url);
    return {
      url: page.url,
      title: metadata.title,
      description: metadata.description,
      image_url: metadata.imageUrl,
      image_original_url: metadata.imageUrl,
      image_width: metadata.imageWidth,
      image_height: metadata.imageHeight,
    };
  });
}
