/** What the agent can do with an active chat: transfer it, add a colleague, tag the thread, close it. */
import { useState } from 'preact/hooks';
import { errorText, useAgent } from '../context';
import type { ChatEntry } from '../chats/state';
import { TransferForm } from './transfer-form';
import { AddColleagueForm } from './add-colleague-form';
import { TagsForm } from './tags-form';

type Panel = 'transfer' | 'add' | 'tags';

const PANELS: Array<[Panel, string]> = [
  ['transfer', 'Transfer'],
  ['add', 'Add a colleague'],
  ['tags', 'Tags'],
];

export function ChatActions({ entry }: { entry: ChatEntry }) {
  const { client } = useAgent();
  const [panel, setPanel] = useState<Panel>();
  const [problem, setProblem] = useState<string>();
  const close = async () => {
    setProblem(undefined);
    try {
      await client.request('deactivate_chat', { id: entry.id });
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  const done = () => setPanel(undefined);
  return (
    <div class="chat-actions">
      <div class="action-buttons">
        {PANELS.map(([id, label]) => (
          <button key={id} type="button" class="secondary" aria-expanded={panel === id} aria-controls={`panel-${id}`} onClick={() => setPanel(panel === id ? undefined : id)}>
            {label}
            {id === 'tags' && entry.tags.length > 0 && ` (${entry.tags.length})`}
          </button>
        ))}
        <button type="button" class="danger" onClick={() => void close()}>
          Close chat
        </button>
      </div>
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      {panel && (
        <div class="action-panel" id={`panel-${panel}`}>
          {panel === 'transfer' && <TransferForm chatId={entry.id} onDone={done} />}
          {panel === 'add' && <AddColleagueForm entry={entry} onDone={done} />}
          {panel === 'tags' && <TagsForm entry={entry} />}
        </div>
      )}
    </div>
  );
}
