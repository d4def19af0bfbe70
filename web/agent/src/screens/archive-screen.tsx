/** Searching past conversations (`list_archives` with `filters.query`) and reading one, read-only (`get_chat`). */
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, useAgent } from '../context';
import { customerOf, displayName } from '../chats/state';
import { shortTime } from '../chats/time';
import type { Chat } from '../chats/types';
import { Transcript } from '../components/transcript';

const PAGE = 20;

interface Results {
  chats: Chat[];
  found: number;
  nextPage?: string;
}

export function ArchiveScreen() {
  const { client } = useAgent();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Results>();
  const [open, setOpen] = useState<Chat>();
  const [problem, setProblem] = useState<string>();

  const search = async (pageId?: string) => {
    setProblem(undefined);
    try {
      const payload = pageId ? { page_id: pageId } : { filters: query.trim() ? { query: query.trim() } : {}, limit: PAGE };
      const answer = await client.request<{ chats: Chat[]; found_chats: number; next_page_id?: string }>('list_archives', payload);
      setResults((known) => ({ chats: [...(pageId ? (known?.chats ?? []) : []), ...answer.chats], found: answer.found_chats, nextPage: answer.next_page_id }));
    } catch (error) {
      setProblem(errorText(error));
    }
  };

  const read = async (hit: Chat) => {
    setProblem(undefined);
    try {
      setOpen(await client.request<Chat>('get_chat', { chat_id: hit.id, thread_id: hit.thread?.id }));
    } catch (error) {
      setProblem(errorText(error));
    }
  };

  return (
    <div class={`archive-screen ${open ? 'chat-open' : ''}`}>
      <section class="archive-search" aria-labelledby="archive-title">
        <h2 id="archive-title">Archive</h2>
        <form
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            void search();
          }}
        >
          <label for="archive-query">Search the archive</label>
          <div class="inline-form">
            <input id="archive-query" type="search" value={query} onInput={(event) => setQuery(event.currentTarget.value)} placeholder="Words from the conversation" />
            <button type="submit">Search</button>
          </div>
        </form>
        {problem && (
          <p role="alert" class="error">
            {problem}
          </p>
        )}
        <div aria-live="polite">{results && <p class="muted">{results.found === 1 ? '1 conversation found' : `${results.found} conversations found`}</p>}</div>
        {results && (
          <ul class="archive-results">
            {results.chats.map((hit) => (
              <li key={`${hit.id}-${hit.thread?.id}`}>
                <ArchiveHit hit={hit} open={open?.thread?.id === hit.thread?.id} onOpen={() => void read(hit)} />
              </li>
            ))}
          </ul>
        )}
        {results?.nextPage && (
          <button type="button" class="secondary" onClick={() => void search(results.nextPage)}>
            More results
          </button>
        )}
      </section>
      {open && <ArchivedChat chat={open} onBack={() => setOpen(undefined)} />}
    </div>
  );
}

function ArchiveHit({ hit, open, onOpen }: { hit: Chat; open: boolean; onOpen: () => void }) {
  const first = hit.thread?.events?.find((event) => event.type === 'message');
  return (
    <button type="button" class="chat-item" aria-current={open ? 'true' : undefined} onClick={onOpen}>
      <span class="chat-item-top">
        <strong class="name">{displayName(customerOf(hit))}</strong>
        {hit.thread && <span class="time muted">{shortTime(hit.thread.created_at)}</span>}
      </span>
      <span class="chat-item-bottom">
        <span class="preview">{first?.text ?? ''}</span>
        {hit.thread?.active && <span class="badge">active</span>}
      </span>
      {hit.thread?.tags?.length ? <span class="tags-line">Tags: {hit.thread.tags.join(', ')}</span> : null}
    </button>
  );
}

function ArchivedChat({ chat, onBack }: { chat: Chat; onBack: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [chat.thread?.id]);
  return (
    <section class="chat-view archived" aria-labelledby="archived-title">
      <header class="chat-head">
        <button type="button" class="secondary back" onClick={onBack} aria-label="Back to results">
          <span aria-hidden="true">←</span> Results
        </button>
        <div class="chat-title">
          <h2 id="archived-title" tabIndex={-1} ref={heading}>
            {displayName(customerOf(chat))}
          </h2>
          <p class="muted chat-state">
            {chat.thread && shortTime(chat.thread.created_at)} · read-only
            {chat.thread?.tags?.length ? ` · Tags: ${chat.thread.tags.join(', ')}` : ''}
          </p>
        </div>
      </header>
      <div class="history">
        <Transcript events={chat.thread?.events ?? []} users={chat.users} label="Archived messages" />
      </div>
    </section>
  );
}
