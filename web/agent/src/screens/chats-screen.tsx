/** The chat list beside the open chat (on a phone: one or the other, with a way back). */
import type { ChatsStore } from '../chats/use-chats';
import { ChatList } from '../components/chat-list';
import { ChatView } from '../components/chat-view';

interface Props {
  store: ChatsStore;
  openId: string | undefined;
  onOpen: (chatId: string | undefined) => void;
  /** The open chat, while the agent is looking at it. */
  reading: string | undefined;
}

export function ChatsScreen({ store, openId, onOpen, reading }: Props) {
  // Choosing the chat already open takes the agent to it, as opening one does.
  const open = (id: string) => (id === openId ? document.getElementById('chat-title')?.focus() : onOpen(id));
  const back = () => {
    const id = openId;
    onOpen(undefined);
    // Back where the agent left: the chat's entry in the list.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-chat-id="${id}"]`)?.focus());
  };
  return (
    <div class={`chats-screen ${openId ? 'chat-open' : ''}`}>
      <ChatList chats={store.chats} openId={openId} reading={reading} onOpen={open} />
      {openId ? (
        <ChatView key={openId} chatId={openId} store={store} reading={reading === openId} onBack={back} />
      ) : (
        <section class="chat-placeholder" aria-label="No chat open">
          <p class="muted">Choose a chat from the list.</p>
        </section>
      )}
    </div>
  );
}
