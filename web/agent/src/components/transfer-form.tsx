/** `transfer_chat` to an online agent or to a group, optionally letting it wait in the queue. */
import { useState } from 'preact/hooks';
import { errorText, useAgent } from '../context';
import { useColleagues } from './use-colleagues';

export function TransferForm({ chatId, onDone }: { chatId: string; onDone: () => void }) {
  const { client } = useAgent();
  const { colleagues, groups, problem: loadProblem } = useColleagues(chatId);
  const [target, setTarget] = useState('');
  const [queue, setQueue] = useState(false);
  const [problem, setProblem] = useState<string>();
  const submit = async (event: Event) => {
    event.preventDefault();
    const [type, id] = target.split(':');
    setProblem(undefined);
    try {
      await client.request('transfer_chat', {
        id: chatId,
        target: { type, ids: [type === 'group' ? Number(id) : id] },
        ignore_agents_availability: queue,
      });
      onDone();
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)}>
      <label for="transfer-target">Transfer to</label>
      <select id="transfer-target" value={target} onChange={(event) => setTarget(event.currentTarget.value)} required>
        <option value="">{colleagues ? 'Choose an agent or a group' : 'Loading…'}</option>
        <optgroup label="Agents online">
          {colleagues?.map((agent) => (
            <option key={agent.id} value={`agent:${agent.id}`}>
              {agent.name} ({agent.activeChats} active {agent.activeChats === 1 ? 'chat' : 'chats'})
            </option>
          ))}
        </optgroup>
        <optgroup label="Groups">
          {groups.map((group) => (
            <option key={group.id} value={`group:${group.id}`}>
              {group.name}
            </option>
          ))}
        </optgroup>
      </select>
      <label class="inline">
        <input type="checkbox" checked={queue} onChange={(event) => setQueue(event.currentTarget.checked)} /> Queue it if nobody can take it now
      </label>
      {(problem ?? loadProblem) && (
        <p role="alert" class="error">
          {problem ?? loadProblem}
        </p>
      )}
      <button type="submit" disabled={!target}>
        Transfer the chat
      </button>
    </form>
  );
}
