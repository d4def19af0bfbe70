/** The thread's tags: `tag_thread` / `untag_thread` (v3.4 has no tag catalogue, so tags are free text). */
import { useState } from 'preact/hooks';
import { errorText, useAgent } from '../context';
import type { ChatEntry } from '../chats/state';

export function TagsForm({ entry }: { entry: ChatEntry }) {
  const { client } = useAgent();
  const [tag, setTag] = useState('');
  const [problem, setProblem] = useState<string>();
  const call = async (action: 'tag_thread' | 'untag_thread', value: string) => {
    setProblem(undefined);
    try {
      await client.request(action, { chat_id: entry.id, thread_id: entry.threadId, tag: value });
      if (action === 'tag_thread') setTag('');
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <div>
      {entry.tags.length > 0 && (
        <ul class="tags" aria-label="Tags of this conversation">
          {entry.tags.map((known) => (
            <li key={known} class="tag">
              {known}
              <button type="button" class="link" aria-label={`Remove tag ${known}`} onClick={() => void call('untag_thread', known)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (tag.trim()) void call('tag_thread', tag.trim());
        }}
      >
        <label for="new-tag">New tag</label>
        <input id="new-tag" value={tag} onInput={(event) => setTag(event.currentTarget.value)} maxLength={100} />
        {problem && (
          <p role="alert" class="error">
            {problem}
          </p>
        )}
        <button type="submit" disabled={!tag.trim()}>
          Add tag
        </button>
      </form>
    </div>
  );
}
