/**
 * Everything the widget does, apart from drawing it: the session, the chat
 * kept up to date from pushes and resynced after every (re)connection, the
 * group's status, and the customer's actions (write, send a file, fill a
 * form, start again). Components read `state` and call the actions.
 */
import { RtmFrame, RtmState } from '@web/shared';
import { applyPush, ChatView, FilledField, isActive, latestThread, nameOf, toThread, unreadCount } from './chat-state';
import { WidgetConfig } from './config';
import { Form } from './forms';
import { PageBridge } from './page-bridge';
import { CustomerSession, describeError } from './session';
import { throttle } from './throttle';
import { GroupStatus, readGroupConfiguration, readGroupStatus } from './widget-configuration';

export interface WidgetState {
  connection: RtmState;
  /** Logged in, configuration read and the chat (if any) loaded. */
  ready: boolean;
  /** Nothing more can be done (unknown organization, banned…). */
  fatal?: string;
  customer?: { id: string; name?: string; email?: string };
  chat?: ChatView;
  groupStatus?: GroupStatus;
  prechat?: Form;
  ticket?: Form;
  domainAllowed: boolean;
  /** Who of the agents is typing now. */
  typing?: string;
  open: boolean;
  busy: boolean;
  uploading?: string;
  error?: string;
}

/** An event as the customer sends it (data-structures §3). */
type NewEvent = Record<string, unknown> & { type: string };

/** An agent typing tells us when they stop; if that is lost, the indicator still goes after this long. */
const TYPING_SHOWN_MS = 10_000;
/** v3.4 pushes no group status to customers: while the customer looks at the start screen it is asked again this often. */
const STATUS_POLL_MS = 30_000;
/** The send_sneak_peek rate: the agent sees the text as it is typed, at most this often. */
const SNEAK_PEEK_MS = 400;
/** Errors after which reading the configuration again may work (Switchboard restarting, busy). */
const TRANSIENT_ERRORS = ['network', 'internal', 'service_unavailable', 'request_timeout', 'too_many_requests'];
const CONFIGURATION_RETRY_MS = 5_000;
/** History shown: the latest threads of the chat. */
const THREADS_SHOWN = 5;

export class WidgetController {
  state: WidgetState;
  private readonly listeners = new Set<() => void>();
  private readonly session: CustomerSession;
  private loggedIn = false;
  private configured = false;
  /** Pushes received while a resync is in flight (one list per resync), applied again on top of its answer. */
  private readonly buffers = new Set<RtmFrame[]>();
  private seenMarked: string | undefined;
  private reportedUnread = -1;
  /** The last delivery asked for: the next waits for it. */
  private delivering: Promise<unknown> = Promise.resolve();
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly sneakPeek = throttle((chatId: string, text: string) => {
    this.session.request('send_sneak_peek', { chat_id: chatId, sneak_peek_text: text }).catch(() => undefined);
  }, SNEAK_PEEK_MS);

  constructor(
    private readonly config: WidgetConfig,
    private readonly page: PageBridge,
  ) {
    this.state = { connection: 'connecting', ready: false, domainAllowed: true, open: page.open, busy: false };
    page.onPanel((open) => this.panelChanged(open));
    this.session = new CustomerSession(config, {
      onReady: (login) => void this.loggedInWith(login),
      onPush: (frame) => this.push(frame),
      onState: (connection, detail) => this.connectionChanged(connection, detail),
    });
    void this.loadConfiguration();
    setInterval(() => {
      if (this.state.open && this.state.ready && !isActive(this.state.chat)) void this.refreshGroupStatus();
    }, STATUS_POLL_MS);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // --- the customer's actions ---

  /** Sends a message, starting or resuming the chat when needed; true once it went out. */
  send(text: string): Promise<boolean> {
    this.sneakPeek.cancel();
    return this.deliver([{ type: 'message', text }]);
  }

  async sendFile(file: File): Promise<void> {
    this.set({ uploading: file.name, error: undefined });
    let url: string;
    try {
      url = await this.session.upload(file);
    } catch (error) {
      this.set({ error: describeError(error) });
      return;
    } finally {
      this.set({ uploading: undefined });
    }
    await this.deliver([{ type: 'file', url }]);
  }

  /** The text being typed, shown to the agent as a sneak peek (there is no customer typing indicator in the Customer Chat API). */
  typed(text: string): void {
    const chat = this.state.chat;
    if (chat && isActive(chat) && text.trim()) this.sneakPeek.call(chat.id, text);
    else this.sneakPeek.cancel();
  }

  /**
   * A filled form starts the chat: the prechat form (as a `filled_form` event
   * the agent sees), the ticket form, or the plain "leave a message" form
   * (its message as a message). Name and e-mail also go on the customer
   * (`update_customer`), so the agent sees who writes.
   */
  async submitForm(form: Form, kind: 'prechat' | 'ticket' | 'message', fields: FilledField[]): Promise<void> {
    const text = (type: string) => fields.find((f) => f.type === type && typeof f.answer === 'string')?.answer as string | undefined;
    const profile = { ...(text('name') && { name: text('name') }), ...(text('email') && { email: text('email') }) };
    if (Object.keys(profile).length > 0) {
      this.set({ busy: true, error: undefined });
      try {
        await this.session.request('update_customer', profile);
      } catch (error) {
        this.set({ busy: false, error: describeError(error) });
        return;
      }
    }
    const chosen = fields.find((f) => f.type === 'group_chooser')?.answer;
    const groupId = typeof chosen === 'object' ? chosen.group_id : undefined;
    const events: NewEvent[] =
      kind === 'message' ? [{ type: 'message', text: text('textarea') ?? '' }] : [{ type: 'filled_form', form_id: form.id, form_type: kind, fields }];
    await this.deliver(events, groupId);
  }

  /** "Start a new chat" after one ended: a new thread, an agent assigned, before the customer writes. */
  startNewChat(): Promise<boolean> {
    return this.deliver([]);
  }

  minimize(): void {
    this.page.close();
  }

  // --- the connection ---

  private async loggedInWith(login: Record<string, unknown>): Promise<void> {
    const customer = login.customer as WidgetState['customer'];
    const chatId = (login.chats as Array<{ chat_id: string }> | undefined)?.[0]?.chat_id;
    this.set({ customer });
    try {
      await Promise.all([chatId ? this.reload(chatId) : undefined, this.refreshGroupStatus()]);
      this.loggedIn = true;
      this.set({ ready: this.configured });
    } catch {
      // Lost again while resyncing: the next login resyncs.
    }
  }

  private connectionChanged(connection: RtmState, detail?: string): void {
    this.set({ connection });
    if (detail === 'customer_banned') this.set({ fatal: describeError({ type: detail }) });
    else if (detail && ['license_not_found', 'license_expired'].includes(detail)) this.set({ fatal: 'This chat is not available.' });
  }

  private async loadConfiguration(): Promise<void> {
    try {
      const configuration = await readGroupConfiguration(this.session, this.config);
      this.configured = true;
      this.set({ ...configuration, ready: this.loggedIn });
    } catch (error) {
      if (TRANSIENT_ERRORS.includes((error as { type?: string }).type ?? '')) setTimeout(() => void this.loadConfiguration(), CONFIGURATION_RETRY_MS);
      else this.set({ fatal: `This chat is not available: ${describeError(error)}` });
    }
  }

  /** The chat as the server has it now: the chat with its users, and its latest threads. */
  private async reload(chatId: string): Promise<void> {
    const buffer: RtmFrame[] = [];
    this.buffers.add(buffer);
    try {
      const [chat, listed] = await Promise.all([
        this.session.request<{ users: ChatView['users'] }>('get_chat', { chat_id: chatId }),
        this.session.request<{ threads: Array<Record<string, unknown>> }>('list_threads', { chat_id: chatId, sort_order: 'desc', limit: THREADS_SHOWN }),
      ]);
      const fresh: ChatView = { id: chatId, users: chat.users, threads: listed.threads.map(toThread).reverse() };
      this.set({ chat: buffer.reduce<ChatView | undefined>(applyPush, fresh) });
    } finally {
      this.buffers.delete(buffer);
    }
  }

  private async refreshGroupStatus(): Promise<void> {
    try {
      this.set({ groupStatus: await readGroupStatus(this.session, this.config.groupId) });
    } catch {
      // Kept as it was: asked again on the next occasion.
    }
  }

  private push(frame: RtmFrame): void {
    for (const buffer of this.buffers) buffer.push(frame);
    const p = frame.payload;
    switch (frame.action) {
      case 'incoming_typing_indicator': {
        const indicator = p.typing_indicator as { author_id: string; is_typing: boolean };
        this.showTyping(indicator.is_typing ? nameOf(this.state.chat, indicator.author_id) : undefined);
        return;
      }
      case 'customer_updated':
        this.set({ customer: { ...this.state.customer!, ...(p as Partial<NonNullable<WidgetState['customer']>>) } });
        return;
      case 'incoming_event':
        // The message an agent was typing has arrived.
        if ((p.event as { author_id?: string }).author_id !== this.state.customer?.id) this.showTyping(undefined);
        break;
      case 'chat_deactivated':
        this.showTyping(undefined);
        void this.refreshGroupStatus();
        break;
    }
    const chat = applyPush(this.state.chat, frame);
    if (chat !== this.state.chat) this.set({ chat });
  }

  private showTyping(name: string | undefined): void {
    clearTimeout(this.typingTimer);
    if (name) this.typingTimer = setTimeout(() => this.set({ typing: undefined }), TYPING_SHOWN_MS);
    this.set({ typing: name });
  }

  private panelChanged(open: boolean): void {
    this.set({ open });
    if (open && this.state.ready && !isActive(this.state.chat)) void this.refreshGroupStatus();
  }

  // --- delivering events ---

  /**
   * Sends events into the chat, one delivery after the other: a message
   * written while the chat is still starting goes into it once it has.
   */
  private deliver(events: NewEvent[], groupId?: number): Promise<boolean> {
    const delivered = this.delivering.then(() => this.deliverNow(events, groupId));
    this.delivering = delivered;
    return delivered;
  }

  /** `send_event` while the chat is active, else `resume_chat` or, for a first chat, `start_chat`. */
  private async deliverNow(events: NewEvent[], groupId?: number): Promise<boolean> {
    this.set({ busy: true, error: undefined });
    try {
      const chat = this.state.chat;
      if (chat && isActive(chat)) for (const event of events) await this.sendEvent(chat.id, event);
      else if (chat) await this.resume(chat.id, events);
      else await this.start(events, groupId ?? (this.config.groupId || undefined));
      return true;
    } catch (error) {
      this.set({ error: describeError(error) });
      return false;
    } finally {
      this.set({ busy: false });
    }
  }

  private async start(events: NewEvent[], groupId: number | undefined): Promise<void> {
    const access = groupId !== undefined ? { access: { group_ids: [groupId] } } : {};
    const started = await this.session.request<{ chat_id: string }>('start_chat', { chat: { ...access, thread: { events } } });
    // Normally the incoming_chat push has told us already.
    if (this.state.chat?.id !== started.chat_id) await this.reload(started.chat_id);
    void this.refreshGroupStatus();
  }

  private async resume(chatId: string, events: NewEvent[]): Promise<void> {
    const resumed = await this.session.request<{ thread_id: string }>('resume_chat', { chat: { id: chatId, ...(events.length > 0 && { thread: { events } }) } });
    if (latestThread(this.state.chat)?.id !== resumed.thread_id) await this.reload(chatId);
  }

  private async sendEvent(chatId: string, event: NewEvent): Promise<void> {
    try {
      await this.session.request('send_event', { chat_id: chatId, event });
    } catch (error) {
      // Closed by the agent while the customer was typing: writing again opens a new thread.
      if ((error as { type?: string }).type !== 'chat_inactive') throw error;
      await this.resume(chatId, [event]);
    }
  }

  // --- state ---

  private set(change: Partial<WidgetState>): void {
    this.state = { ...this.state, ...change };
    this.tellPage();
    for (const listener of this.listeners) listener();
  }

  /** While the panel is open what arrives is seen (`mark_events_as_seen`); while it is closed the launcher counts it. */
  private tellPage(): void {
    const { chat, customer, open, ready } = this.state;
    if (!ready || !chat) return;
    const me = chat.users.find((u) => u.id === customer?.id)?.events_seen_up_to;
    const seenUpTo = [me, this.seenMarked].filter(Boolean).sort().at(-1);
    const unread = open ? 0 : unreadCount(chat, customer?.id, seenUpTo);
    if (unread !== this.reportedUnread) this.page.reportUnread((this.reportedUnread = unread));
    // The customer's own events count as seen by sending them.
    const last = latestThread(chat)?.events.filter((e) => e.author_id !== customer?.id).at(-1)?.created_at;
    if (open && last && (!seenUpTo || last > seenUpTo)) {
      this.seenMarked = last;
      this.session.request('mark_events_as_seen', { chat_id: chat.id, seen_up_to: last }).catch(() => undefined);
    }
  }
}
