import { ChatState, ThreadState } from '@switchboard/chat/domain';
import { PropertyRequester } from '@switchboard/configuration/domain';
import { ApiError, PageIdCodec } from '@switchboard/protocol';
import { ChatListFilter, ChatRecord, ReadModels } from '@switchboard/read-models';
import { roleReader, VisibleProperties } from './property-views';
import { mayBeQueued, threadQueueView, UserDirectory, View, wireChat, wireSummary, wireThread } from './views';

/**
 * Who reads: agents see chats of their groups (all with `chats--all`); a customer sees only their own chat.
 * `properties` says which properties it may read (default: what its role may, ADR 0027).
 */
export type Reader = ({ type: 'agent'; id: string; allChats: boolean } | { type: 'customer'; id: string }) & { properties?: PropertyRequester };

export interface ListThreadsParams {
  chat_id: string;
  sort_order?: 'asc' | 'desc';
  limit?: number;
  page_id?: string;
  min_events_count?: number;
  filters?: { from?: string; to?: string };
}

export interface ListChatsParams {
  sort_order?: 'asc' | 'desc';
  limit?: number;
  page_id?: string;
  filters?: { include_active?: boolean; include_chats_without_threads?: boolean; group_ids?: number[] };
}

interface Page {
  offset: number;
  limit: number;
  sort_order: 'asc' | 'desc';
  filters?: Record<string, unknown>;
  min_events_count?: number;
}

const isCount = (value: unknown, min: number): value is number => Number.isSafeInteger(value) && (value as number) >= min;

/** Reads of chats in the LiveChat shapes, for either view. */
export class ChatQueries {
  /** @param pageIds signs the page ids this server hands out, so clients cannot make their own */
  constructor(
    private readonly readModels: ReadModels,
    private readonly pageIds: PageIdCodec,
  ) {}

  private pageFrom(scope: string, params: { page_id?: string }, defaults: Omit<Page, 'offset'>): Page {
    if (!params.page_id) return { offset: 0, ...defaults };
    const page = this.pageIds.decode(scope, params.page_id) as unknown as Page;
    // Signed by us, so this holds; checked anyway because a bad offset or limit would reach SQL.
    if (!isCount(page.offset, 0) || !isCount(page.limit, 1)) {
      throw new ApiError('validation', 'page_id: Invalid page id');
    }
    return page;
  }

  private pageLinks(scope: string, page: Page, total: number): { next_page_id?: string; previous_page_id?: string } {
    const links: { next_page_id?: string; previous_page_id?: string } = {};
    if (page.offset + page.limit < total) links.next_page_id = this.pageIds.encode(scope, { ...page, offset: page.offset + page.limit });
    if (page.offset > 0) {
      links.previous_page_id = this.pageIds.encode(scope, { ...page, offset: Math.max(0, page.offset - page.limit) });
    }
    return links;
  }

  /** The chat if the reader may see it; `not_found` otherwise (another organization's chat included). */
  async readable(organizationId: string, chatId: string, reader: Reader): Promise<ChatRecord> {
    const record = await this.readModels.chat(organizationId, chatId);
    await this.checkAccess(organizationId, record, reader);
    return record!;
  }

  /** Throws `not_found` unless the chat exists and the reader may see it. */
  async checkAccess(
    organizationId: string,
    record: ChatRecord | undefined,
    reader: Reader,
    readModels: ReadModels = this.readModels,
  ): Promise<void> {
    if (!record) throw new ApiError('not_found', 'Chat not found');
    if (reader.type === 'customer') {
      if (record.customer_id !== reader.id) throw new ApiError('not_found', 'Chat not found');
      return;
    }
    if (reader.allChats || record.state.access.group_ids.includes(0)) return;
    const agent = await readModels.agent(organizationId, reader.id);
    const groups = agent?.profile.groups.map((g) => g.id) ?? [];
    if (!record.state.access.group_ids.some((g) => groups.includes(g))) throw new ApiError('not_found', 'Chat not found');
  }

  async getChat(organizationId: string, chatId: string, threadId: string | undefined, reader: Reader): Promise<Record<string, unknown>> {
    const { state, queues_duration } = await this.readable(organizationId, chatId, reader);
    return this.chatView(organizationId, state, threadId, reader.type, reader.properties, queues_duration);
  }

  /** Where the router queued these chats' active threads; asked only for chats that may be queued. */
  private threadQueues(organizationId: string, states: ChatState[]) {
    const maybe = states.filter(mayBeQueued).map((s) => s.id);
    return maybe.length > 0 ? this.readModels.threadQueues(organizationId, maybe) : Promise.resolve(undefined);
  }

  /** A chat with one thread (default the latest) and that thread's events. */
  async chatView(
    organizationId: string,
    state: ChatState,
    threadId: string | undefined,
    view: View,
    properties: PropertyRequester = roleReader(view),
    queuesDuration?: Record<string, number>,
  ): Promise<Record<string, unknown>> {
    const thread = threadId ? state.threads.find((t) => t.id === threadId) : state.threads[state.threads.length - 1];
    if (threadId && !thread) throw new ApiError('not_found', 'Thread not found');
    const [events, directory, visible, queues] = await Promise.all([
      thread ? this.readModels.chatEvents(organizationId, state.id, [thread.id]) : Promise.resolve(new Map()),
      UserDirectory.load(this.readModels, organizationId, [state]),
      VisibleProperties.load(this.readModels, organizationId, properties),
      this.threadQueues(organizationId, [state]),
    ]);
    const queued = thread ? threadQueueView(state, thread, queues, queuesDuration) : {};
    return visible.chat(wireChat(state, thread, thread ? (events.get(thread.id) ?? []) : [], directory, view, queued));
  }

  async listThreads(organizationId: string, params: ListThreadsParams, reader: Reader): Promise<Record<string, unknown>> {
    const { state, queues_duration } = await this.readable(organizationId, params.chat_id, reader);
    // A page id serves the chat (and the API) it was made for.
    const scope = `${reader.type}/list_threads/${state.id}`;
    const page = this.pageFrom(scope, params, {
      limit: params.limit ?? 3,
      sort_order: params.sort_order ?? 'desc',
      filters: params.filters,
      min_events_count: params.min_events_count,
    });
    const from = page.filters?.from as string | undefined;
    const to = page.filters?.to as string | undefined;
    let threads = state.threads.filter((t) => (!from || t.created_at >= from) && (!to || t.created_at <= to));
    if (page.sort_order === 'desc') threads = [...threads].reverse();
    let selected: ThreadState[];
    if (page.min_events_count) {
      selected = [];
      let events = 0;
      for (const thread of threads.slice(page.offset)) {
        selected.push(thread);
        events += thread.event_count;
        if (events >= page.min_events_count) break;
      }
      page.limit = Math.max(selected.length, 1);
    } else {
      selected = threads.slice(page.offset, page.offset + page.limit);
    }
    const [events, visible, queues] = await Promise.all([
      this.readModels.chatEvents(organizationId, state.id, selected.map((t) => t.id)),
      VisibleProperties.load(this.readModels, organizationId, reader.properties ?? roleReader(reader.type)),
      this.threadQueues(organizationId, [state]),
    ]);
    return {
      threads: selected.map((t) => visible.thread(wireThread(state, t, events.get(t.id) ?? [], reader.type, threadQueueView(state, t, queues, queues_duration)))),
      found_threads: threads.length,
      ...this.pageLinks(scope, page, threads.length),
    };
  }

  async listChats(organizationId: string, params: ListChatsParams, reader: Reader, maxLimit: number): Promise<Record<string, unknown>> {
    const scope = `${reader.type}/list_chats`;
    const page = this.pageFrom(scope, params, {
      limit: Math.min(params.limit ?? 10, maxLimit),
      sort_order: params.sort_order ?? 'desc',
      filters: params.filters,
    });
    const filters = (page.filters ?? {}) as NonNullable<ListChatsParams['filters']>;
    const filter: ChatListFilter = {
      sortOrder: page.sort_order,
      limit: page.limit,
      offset: page.offset,
      includeActive: filters.include_active,
      includeChatsWithoutThreads: filters.include_chats_without_threads,
      groupIds: filters.group_ids,
    };
    if (reader.type === 'customer') filter.customerId = reader.id;
    else if (!reader.allChats) {
      const agent = await this.readModels.agent(organizationId, reader.id);
      filter.visibleToGroups = agent?.profile.groups.map((g) => g.id) ?? [];
    }
    const { chats, total } = await this.readModels.listChats(organizationId, filter);
    const [directory, visible, queues] = await Promise.all([
      UserDirectory.load(this.readModels, organizationId, chats.map((c) => c.state)),
      VisibleProperties.load(this.readModels, organizationId, reader.properties ?? roleReader(reader.type)),
      this.threadQueues(organizationId, chats.map((c) => c.state)),
    ]);
    const queued = (c: ChatRecord) => {
      const last = c.state.threads.at(-1);
      return last ? threadQueueView(c.state, last, queues, c.queues_duration) : {};
    };
    return {
      chats_summary: chats.map((c) => visible.summary(wireSummary(c, directory, reader.type, queued(c)))),
      [reader.type === 'customer' ? 'total_chats' : 'found_chats']: total,
      ...this.pageLinks(scope, page, total),
    };
  }
}
