/** The chat list beside the open chat (on a phone: one or the other, with a way back). */
import { useState } from 'preact/hooks';
import type { ChatsStore } from '../chats/use-chats';
import { ChatList } from '../components/chat-list';
import { ChatView } from '../components/chat-view';

export function ChatsScreen({ store }: { store: ChatsStore }) {
  const [openId, setOpenId] = useState<string>();
  const back = () => {
    const id = openId;
    setOpenId(undefined);
    // Back where the agent left: the chat's entry in the list.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-chat-id="${id}"]`)?.focus());
  };
  return (
    <div class={`chats-screen ${openId ? 'chat-open' : ''}`}>
      <ChatList chats={store.chats} openId={openId} onOpen={setOpenId} />
      {openId ? (
        <ChatView key={openId} chatId={openId} store={store} onBack={back} />
      ) : (
        <section class="chat-placeholder" aria-label="No chat open">
          <p class="muted">Choose a chat from the list.</p>
        </section>
      )}
    </div>
  );
}
