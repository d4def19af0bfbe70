import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const USAGE = `Switchboard operator CLI (talks to a running Switchboard over HTTP)

  npm run cli -- create-organization --name <name> --owner <email> [--owner-name <name>]
  npm run cli -- create-application --organization <id> --name <name>
  npm run cli -- create-token --organization <id> --agent <email> [--expires-in <seconds>] [--client-id <client id>]
  npm run cli -- agent --token <agent token> [--accept]      connect over RTM and print every push

Options: --url <base url> (default SWITCHBOARD_URL or http://127.0.0.1:8080)
The admin token comes from ADMIN_TOKEN, or from DATA_DIR/admin-token (default ./data) in the embedded mode.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string' },
    name: { type: 'string' },
    owner: { type: 'string' },
    'owner-name': { type: 'string' },
    organization: { type: 'string' },
    agent: { type: 'string' },
    'expires-in': { type: 'string' },
    'client-id': { type: 'string' },
    token: { type: 'string' },
    accept: { type: 'boolean' },
    help: { type: 'boolean' },
  },
});

const baseUrl = (values.url ?? process.env.SWITCHBOARD_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');

function adminToken(): string {
  if (process.env.ADMIN_TOKEN) return process.env.ADMIN_TOKEN;
  const file = join(process.env.DATA_DIR ?? './data', 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new Error(`No admin token: set ADMIN_TOKEN or run in the folder whose ${file} the embedded server wrote`);
}

function required(name: keyof typeof values): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new Error(`--${name} is required\n\n${USAGE}`);
  return value;
}

async function post(path: string, body: unknown, token: string): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const result = (await response.json()) as { error?: { type: string; message: string } };
  if (!response.ok) throw new Error(`${result.error?.type}: ${result.error?.message}`);
  return result;
}

/** Logs in as an agent over RTM, optionally goes accepting chats, and prints frames until Ctrl-C. */
function agent(token: string, accept: boolean): Promise<void> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/v3.4/agent/rtm/ws`);
  const send = (frame: object) => socket.send(JSON.stringify(frame));
  socket.on('open', () => {
    send({ request_id: 'login', action: 'login', payload: { token: `Bearer ${token}` } });
    if (accept) send({ request_id: 'status', action: 'set_routing_status', payload: { status: 'accepting_chats' } });
    setInterval(() => send({ action: 'ping' }), 10_000).unref();
  });
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { action: string; type: string };
    if (frame.action !== 'ping') console.log(JSON.stringify(frame, null, 2));
  });
  return new Promise((resolve, reject) => {
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

async function main(): Promise<void> {
  const [command] = positionals;
  if (values.help || !command) return console.log(USAGE);
  switch (command) {
    case 'create-organization':
      console.log(
        JSON.stringify(
          await post('/admin/organizations', { name: required('name'), owner_id: required('owner'), owner_name: values['owner-name'] }, adminToken()),
          null,
          2,
        ),
      );
      return;
    case 'create-application':
      console.log(JSON.stringify(await post('/admin/applications', { organization_id: required('organization'), name: required('name') }, adminToken()), null, 2));
      return;
    case 'create-token': {
      const expiresIn = values['expires-in'] ? Number(values['expires-in']) : undefined;
      const body = { organization_id: required('organization'), agent_id: required('agent'), expires_in: expiresIn, client_id: values['client-id'] };
      console.log(JSON.stringify(await post('/admin/tokens', body, adminToken()), null, 2));
      return;
    }
    case 'agent':
      return agent(required('token'), Boolean(values.accept));
    default:
      throw new Error(`Unknown command ${command}\n\n${USAGE}`);
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
