/**
 * The team (owners and administrators): the agents (`list_agents`, with
 * `list_routing_statuses`), a new agent (`create_agent`), and a sign-in
 * link for any of them — how an owner brings colleagues in from the browser.
 */
import { useEffect, useState } from 'preact/hooks';
import { errorText, useAgent } from '../context';
import { SignInLink } from '../components/sign-in-link';

interface AgentRow {
  id: string;
  name: string;
  role: string;
}

const ROLES: Record<string, string> = { owner: 'Owner', viceowner: 'Vice owner', administrator: 'Administrator', normal: 'Agent' };
const STATUSES: Record<string, string> = { accepting_chats: 'Accepting chats', not_accepting_chats: 'Not accepting chats', offline: 'Offline' };

export function AgentsScreen() {
  const { client } = useAgent();
  const [agents, setAgents] = useState<AgentRow[]>();
  const [statuses, setStatuses] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();
  const [linkFor, setLinkFor] = useState<string>();

  const load = async () => {
    try {
      setAgents(await client.configuration<AgentRow[]>('list_agents'));
      const found = await client.request<Array<{ agent_id: string; status: string }>>('list_routing_statuses').catch(() => []);
      setStatuses(Object.fromEntries(found.map((status) => [status.agent_id, status.status])));
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  useEffect(() => void load(), [client]);

  return (
    <div class="page-screen">
      <h2>Agents</h2>
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      <table class="agents">
        <caption class="visually-hidden">Agents of the organization</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {agents?.map((agent) => (
            <tr key={agent.id}>
              <td>{agent.name}</td>
              <td>{agent.id}</td>
              <td>{ROLES[agent.role] ?? agent.role}</td>
              <td>{STATUSES[statuses[agent.id] ?? 'offline']}</td>
              <td>
                <button type="button" class="secondary" aria-label={`Sign-in link for ${agent.name}`} onClick={() => setLinkFor(agent.id)}>
                  Sign-in link
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {linkFor && <SignInLink key={linkFor} agentId={linkFor} name={agents?.find((agent) => agent.id === linkFor)?.name ?? linkFor} />}
      <NewAgentForm
        onCreated={(id) => {
          void load();
          setLinkFor(id);
        }}
      />
    </div>
  );
}

function NewAgentForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { client } = useAgent();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState('normal');
  const [problem, setProblem] = useState<string>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(undefined);
    try {
      const { id } = await client.configuration<{ id: string }>('create_agent', { id: email.trim(), name: name.trim(), role });
      setEmail('');
      setName('');
      onCreated(id);
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <form class="card" onSubmit={(event) => void submit(event)} aria-labelledby="new-agent-title">
      <h3 id="new-agent-title">Add an agent</h3>
      <label for="agent-email">E-mail</label>
      <input id="agent-email" type="email" required value={email} onInput={(event) => setEmail(event.currentTarget.value)} autoComplete="off" />
      <label for="agent-name">Name</label>
      <input id="agent-name" required value={name} onInput={(event) => setName(event.currentTarget.value)} autoComplete="off" />
      <label for="agent-role">Role</label>
      <select id="agent-role" value={role} onChange={(event) => setRole(event.currentTarget.value)}>
        <option value="normal">Agent</option>
        <option value="administrator">Administrator</option>
      </select>
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      <button type="submit">Add agent</button>
    </form>
  );
}
