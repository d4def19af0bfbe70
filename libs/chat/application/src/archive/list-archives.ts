import { ChatState, ThreadState } from '@switchboard/chat/domain';
import { ApiError, ArchiveFilters, ListArchivesPayload, PageIdCodec } from '@switchboard/protocol';
import { ArchiveCursor, ArchivedThreadRef, ReadModels } from '@switchboard/read-models';
import type { Reader } from '../chat-queries';
import { roleReader, VisibleProperties } from '../property-views';
import { UserDirectory, wireChat } from '../views';
import { archiveSearch } from './archive-search';
import { highlightEvents, HighlightTags } from './highlights';

/** What a `page_id` of `list_archives` remembers: the first request, and where the page starts (ADR 0032). */
interface ArchivePage {
  filters: ArchiveFilters;
  sort_order: 'asc' | 'desc';
  limit: number;
  highlights?: HighlightTags;
  after?: ArchiveCursor;
  before?: ArchiveCursor;
}

const SCOPE = 'agent/list_archives';

const isCursor = (value: unknown): value is ArchiveCursor =>
  typeof value === 'object' && value !== null && typeof (value as ArchiveCursor).at === 'string' && typeof (value as ArchiveCursor).thread_id === 'string';

/** May the reader open this thread? Group 0 means every agent (the same rule as the search's). */
const accessible = (thread: ThreadState, groups: number[] | undefined) =>
  !groups || thread.access.group_ids.some((g) => g === 0 || groups.includes(g));

/** `list_archives`: threads of the organization's chats matching the filters, one entry per thread (agent-chat-api §1). */
export class ListArchives {
  constructor(
    private readonly readModels: ReadModels,
    private readonly pageIds: PageIdCodec,
  ) {}

  private page(payload: ListArchivesPayload): ArchivePage {
    if (!payload.page_id) {
      return { filters: payload.filters ?? {}, sort_order: payload.sort_order ?? 'desc', limit: payload.limit ?? 10, highlights: payload.highlights };
    }
    const page = this.pageIds.decode(SCOPE, payload.page_id) as unknown as ArchivePage;
    const limit = page.limit;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 100 || (page.after && !isCursor(page.after)) || (page.before && !isCursor(page.before))) {
      throw new ApiError('validation', 'page_id: Invalid page id');
    }
    return { ...page, highlights: payload.highlights ?? page.highlights };
  }

  async list(organizationId: string, payload: ListArchivesPayload, reader: Reader): Promise<Record<string, unknown>> {
    const page = this.page(payload);
    const [visible, groups] = await Promise.all([
      VisibleProperties.load(this.readModels, organizationId, reader.properties ?? roleReader('agent')),
      this.readerGroups(organizationId, reader),
    ]);
    requireReadable(page.filters, visible);
    const byIds = page.filters.thread_ids !== undefined;
    const { threads, total, more } = await this.readModels.archive.search(organizationId, {
      ...archiveSearch(page.filters),
      visibleToGroups: groups,
      sortOrder: page.sort_order,
      // Thread ids are not paginated (data-structures §9.4): all of them, at most 20, come at once.
      limit: byIds ? 20 : page.limit,
      after: page.after,
      before: page.before,
    });
    const chats = await this.view(organizationId, threads, groups, page, visible);
    const { after: _after, before: _before, ...first } = page;
    const links: Record<string, string> = {};
    const forward = page.before !== undefined || more;
    const backward = page.after !== undefined || (page.before !== undefined && more);
    if (!byIds && threads.length > 0) {
      if (forward) links.next_page_id = this.pageIds.encode(SCOPE, { ...first, after: threads[threads.length - 1].cursor });
      if (backward) links.previous_page_id = this.pageIds.encode(SCOPE, { ...first, before: threads[0].cursor });
    }
    return { chats, found_chats: total, ...links };
  }

  /** The groups whose threads the reader may see; undefined: all (`chats--all`). */
  private async readerGroups(organizationId: string, reader: Reader): Promise<number[] | undefined> {
    if (reader.type === 'agent' && reader.allChats) return undefined;
    return (await this.readModels.agent(organizationId, reader.id))?.profile.groups.map((g) => g.id) ?? [];
  }

  /** Each thread in the Chat agent view, with its events, accessible neighbours and highlights. */
  private async view(organizationId: string, threads: ArchivedThreadRef[], groups: number[] | undefined, page: ArchivePage, visible: VisibleProperties) {
    const [records, events] = await Promise.all([
      Promise.all([...new Set(threads.map((t) => t.chat_id))].map((id) => this.readModels.chat(organizationId, id))),
      this.readModels.archive.threadEvents(organizationId, threads),
    ]);
    const states = new Map(records.filter((r) => r !== undefined).map((r) => [r.chat_id, r.state]));
    const directory = await UserDirectory.load(this.readModels, organizationId, [...states.values()]);
    const query = page.filters.query?.trim();
    return threads.flatMap(({ chat_id, thread_id }) => {
      const state = states.get(chat_id);
      const thread = state?.threads.find((t) => t.id === thread_id);
      if (!state || !thread) return [];
      const threadEvents = events.get(thread_id) ?? [];
      const chat = wireChat(state, thread, threadEvents, directory, 'agent');
      const wireThread = chat.thread as Record<string, unknown>;
      Object.assign(wireThread, neighbours(state, thread, groups));
      if (page.highlights && query) wireThread.highlight = highlightEvents(threadEvents, query, page.highlights);
      return [visible.chat(chat)];
    });
  }
}

/** Filtering by a property the reader may not read would tell them its values: `validation` instead (ADR 0032). */
function requireReadable(filters: ArchiveFilters, visible: VisibleProperties): void {
  for (const [namespace, names] of Object.entries(filters.properties ?? {})) {
    for (const name of Object.keys(names)) {
      const probe = { [namespace]: { [name]: true } };
      if (!(['chat', 'thread'] as const).some((location) => visible.of(location, probe)[namespace]?.[name] !== undefined)) {
        throw new ApiError('validation', `filters.properties.${namespace}.${name}: not a property the requester can read`);
      }
    }
  }
}

/** `previous_accessible_thread_id` / `next_accessible_thread_id`: the nearest threads of the chat the reader may open. */
function neighbours(state: ChatState, thread: ThreadState, groups: number[] | undefined): Record<string, string> {
  const index = state.threads.findIndex((t) => t.id === thread.id);
  const previous = state.threads.slice(0, index).reverse().find((t) => accessible(t, groups));
  const next = state.threads.slice(index + 1).find((t) => accessible(t, groups));
  const found: Record<string, string> = {};
  if (previous) found.previous_accessible_thread_id = previous.id;
  if (next) found.next_accessible_thread_id = next.id;
  return found;
}
