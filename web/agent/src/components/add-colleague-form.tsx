/** `add_user_to_chat`: brings an online colleague into the chat, seen by the customer too. */
import { useState } from 'preact/hooks';
import { errorText, useAgent } from '../context';
import type { ChatEntry } from '../chats/state';
import { useColleagues } from './use-colleagues';

export function AddColleagueForm({ entry, onDone }: { entry: ChatEntry; onDone: () => void }) {
  const { client } = useAgent();
  const { colleagues, problem: loadProblem } = useColleagues(entry.id);
  const [agentId, setAgentId] = useState('');
  const [problem, setProblem] = useState<string>();
  const present = new Set(entry.users.filter((user) => user.present).map((user) => user.id));
  const candidates = colleagues?.filter((agent) => !present.has(agent.id));
  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    try {
      await client.request('add_user_to_chat', { chat_id: entry.id, user_id: agentId, user_type: 'agent', visibility: 'all' });
      onDone();
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)}>
      <label for="colleague">Colleague</label>
      <select id="colleague" value={agentId} onChange={(event) => setAgentId(event.currentTarget.value)} required>
        <option value="">{!candidates ? 'Loading…' : candidates.length ? 'Choose a colleague' : 'Nobody else is online'}</option>
        {candidates?.map((agent) => (
          <option key={agent.id} value={agent.id}>
            {agent.name}
          </option>
        ))}
      </select>
      {(problem ?? loadProblem) && (
        <p role="alert" class="error">
          {problem ?? loadProblem}
        </p>
      )}
      <button type="submit" disabled={!agentId}>
        Add to the chat
      </button>
    </form>
  );
}
