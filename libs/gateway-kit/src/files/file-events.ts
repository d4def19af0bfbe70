import { ApiError } from '@switchboard/protocol';
import { FileStorage, isExpiredUnused } from '@switchboard/read-models';
import { parseFileUrl } from './file-urls';

/** An event as a chat method receives it: `file` events are completed here. */
type ClientEvent = { type: string; [field: string]: unknown };

/**
 * `file` events of `send_event`, `start_chat` and `resume_chat`, checked and
 * completed: the URL must name a file uploaded to this organization (another
 * organization's, or any other URL, is `validation`), and the server-filled
 * fields — name, content type, size, and width and height for images — come
 * from what was stored at upload, never from the client.
 */
export function fileEventCompleter(storage: FileStorage, unusedTtlSeconds: number) {
  return async <E extends ClientEvent>(organizationId: string, events: E[]): Promise<E[]> => {
    if (!events.some((event) => event.type === 'file')) return events;
    return Promise.all(events.map((event) => (event.type === 'file' ? complete(storage, unusedTtlSeconds, organizationId, event) : event)));
  };
}

/**
 * After a chat command that added events committed: the files its `file`
 * events name are used, so they no longer expire (ADR 0026). Run only on
 * success, so a refused command leaves its files unused.
 */
export function fileEventsCommitted(storage: FileStorage) {
  return async (organizationId: string, events: ClientEvent[]): Promise<void> => {
    const ids = events.flatMap((event) => {
      const named = event.type === 'file' && typeof event.url === 'string' ? parseFileUrl(event.url) : undefined;
      return named && named.organizationId === organizationId ? [named.id] : [];
    });
    await storage.markUsed(organizationId, ids);
  };
}

async function complete<E extends ClientEvent>(storage: FileStorage, unusedTtlSeconds: number, organizationId: string, event: E): Promise<E> {
  const named = typeof event.url === 'string' ? parseFileUrl(event.url) : undefined;
  const file = named && named.organizationId === organizationId ? await storage.describe(organizationId, named.id) : undefined;
  if (!file) throw new ApiError('validation', 'event.url: must be the URL of a file uploaded with upload_file to this organization');
  if (isExpiredUnused(file, unusedTtlSeconds)) {
    throw new ApiError(
      'validation',
      `event.url: the file has expired: an uploaded file not used in a file event within ${unusedTtlSeconds} seconds of its upload is deleted`,
    );
  }
  return {
    ...event,
    name: file.name,
    content_type: file.contentType,
    size: file.size,
    ...(file.width !== undefined && { width: file.width, height: file.height }),
  };
}
