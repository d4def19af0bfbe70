import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { callWeb, SmtpReceiver, waitFor } from '@switchboard/testing';

/** A local HTTP endpoint that keeps the JSON bodies POSTed to it and answers 200, as an integrator's callback would. */
export interface CallbackReceiver {
  url: string;
  bodies: unknown[];
  close(): Promise<void>;
}

export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const bodies: unknown[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'));
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/verified`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The confirmation link of the newest verification mail to `to` (the body may be quoted-printable). */
export async function verificationLink(smtp: SmtpReceiver, to: string, after: number): Promise<string> {
  await waitFor(() => smtp.messages.slice(after).some((m) => m.to.includes(to)), 30_000);
  const mail = smtp.messages.slice(after).filter((m) => m.to.includes(to)).at(-1)!;
  const body = mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const link = /https?:\/\/\S+\/customer\/verify_email\?\S+/.exec(body)?.[0];
  if (!link) throw new Error(`no confirmation link in: ${body}`);
  return link;
}

type Reply = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A customer's Web API call; `get` sends the payload as query parameters, as a widget calls the GET methods. */
export function customerWeb(url: string, organizationId: string, token: string) {
  return {
    post: (action: string, payload: unknown): Promise<Reply> => callWeb(url, 'customer', action, payload, { token, organizationId }),
    get: (action: string, query: Record<string, string>, options: { organizationId?: string | null } = {}): Promise<Reply> =>
      callWeb(url, 'customer', action, undefined, {
        token,
        method: 'GET',
        query,
        ...(options.organizationId !== null && { organizationId: options.organizationId ?? organizationId }),
      }),
  };
}

/** An owner's (or any agent's) `switchboard_*` call on the Configuration API. */
export const configure = (url: string, token: string) => (action: string, payload: unknown) =>
  callWeb(url, 'configuration', action, payload, { token });

/** A greeting as `incoming_greeting` shows it the first time (data-structures §10): the owner's message, from its agent. */
export const shownGreeting = (id: number, text: string, agent: { id: string }) => ({
  id,
  unique_id: expect.any(String),
  displayed_first_time: true,
  subtype: 'announcement',
  event: expect.objectContaining({ type: 'message', text, author_id: agent.id }),
  agent,
});
