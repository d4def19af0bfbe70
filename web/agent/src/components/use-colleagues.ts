/**
 * Who a chat could go to: online agents from `list_agents_for_transfer`
 * (fewest chats first), with names from the Configuration API's
 * `list_agents` when the agent may read it, and the groups (`list_groups`).
 */
import { useEffect, useState } from 'preact/hooks';
import { errorText, useAgent } from '../context';

export interface Colleague {
  id: string;
  name: string;
  activeChats: number;
}

export interface Group {
  id: number;
  name: string;
}

export function useColleagues(chatId: string) {
  const { client } = useAgent();
  const [colleagues, setColleagues] = useState<Colleague[]>();
  const [groups, setGroups] = useState<Group[]>([]);
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    let current = true;
    const names = client.configuration<Array<{ id: string; name: string }>>('list_agents').catch(() => []);
    client.configuration<Group[]>('list_groups').then((found) => current && setGroups(found), () => undefined);
    client
      .request<Array<{ agent_id: string; total_active_chats: number }>>('list_agents_for_transfer', { chat_id: chatId })
      .then(async (online) => {
        const known = new Map((await names).map((agent) => [agent.id, agent.name]));
        if (current) setColleagues(online.map((agent) => ({ id: agent.agent_id, name: known.get(agent.agent_id) ?? agent.agent_id, activeChats: agent.total_active_chats })));
      })
      .catch((error) => current && setProblem(errorText(error)));
    return () => {
      current = false;
    };
  }, [client, chatId]);
  return { colleagues, groups, problem };
}
