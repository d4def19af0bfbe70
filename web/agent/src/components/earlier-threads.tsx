/** The chat's earlier conversations (`list_threads`), read on demand, above the current one. */
import { useState } from 'preact/hooks';
import { errorText, useAgent } from '../context';
import { shortTime } from '../chats/time';
import type { Thread, User } from '../chats/types';
import { Transcript } from './transcript';

/** Threads read per click: the newest first. */
const PAGE = 5;

export function EarlierThreads({ chatId, before, users }: { chatId: string; before: string; users: User[] }) {
  const { client } = useAgent();
  const [threads, setThreads] = useState<Thread[]>([]);
  const [nextPage, setNextPage] = useState<string | null>();
  const [problem, setProblem] = useState<string>();
  const more = async () => {
    setProblem(undefined);
    try {
      const answer = await client.request<{ threads: Thread[]; next_page_id?: string }>(
        'list_threads',
        nextPage ? { chat_id: chatId, page_id: nextPage } : { chat_id: chatId, sort_order: 'desc', limit: PAGE },
      );
      setThreads((known) => [...answer.threads.filter((thread) => thread.id !== before).reverse(), ...known]);
      setNextPage(answer.next_page_id ?? null);
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <div class="earlier">
      {nextPage !== null && (
        <button type="button" class="secondary" onClick={() => void more()}>
          Show earlier conversations
        </button>
      )}
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      {threads.map((thread) => (
        <section key={thread.id} class="earlier-thread" aria-label={`Conversation of ${shortTime(thread.created_at)}`}>
          <h3 class="thread-date">{shortTime(thread.created_at)}</h3>
          <Transcript events={thread.events ?? []} users={users} label={`Messages of ${shortTime(thread.created_at)}`} />
        </section>
      ))}
    </div>
  );
}
