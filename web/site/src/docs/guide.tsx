/** Getting started, how to call the Web and RTM APIs, and the error format. */
import { Code } from './code';
import type { DocsSource } from './model';

/** The origin the page is served from; the page's script puts in the real one. */
const Origin = ({ ws = false }: { ws?: boolean }) => <span data-origin={ws ? 'ws' : 'http'}>{ws ? 'ws' : 'http'}://127.0.0.1:8080</span>;

export function GettingStarted({ methodCount, implemented }: { methodCount: number; implemented: number }) {
  return (
    <section aria-labelledby="getting-started">
      <h2 id="getting-started">Getting started</h2>
      <p>
        Switchboard speaks the <strong>LiveChat Messaging API v3.4</strong>: the Agent Chat API, the Customer Chat API and the
        Configuration API, on the Web API (HTTP) and, for the two chat APIs, the RTM API (WebSocket) with pushes. A LiveChat client or
        SDK works against it by changing its base URL. This build implements <strong>{implemented}</strong> of the{' '}
        <strong>{methodCount}</strong> methods, plus Switchboard’s own <a href="#extensions">extensions</a>.
      </p>
      <p>
        The base URL is this server’s origin, <code><Origin /></code>; the examples below read it, and a token, from the shell:
      </p>
      <pre><code>export SWITCHBOARD=<Origin />{'\n'}export TOKEN=…   # see the tokens walk-through</code></pre>
      <ul>
        <li>Web API: <code>POST /v3.4/&lt;api&gt;/action/&lt;action&gt;</code>, where <code>&lt;api&gt;</code> is <code>agent</code>, <code>customer</code> or <code>configuration</code>.</li>
        <li>RTM API: <code><Origin ws />/v3.4/agent/rtm/ws</code> and <code>/v3.4/customer/rtm/ws?organization_id=…</code>.</li>
        <li>Tokens: <code>/auth/…</code> (agents) and <code>/customer/token</code> (customers), below.</li>
      </ul>
    </section>
  );
}

export function Calling() {
  return (
    <section aria-labelledby="calling">
      <h2 id="calling">Calling the APIs</h2>
      <h3>Web API</h3>
      <p>
        A request’s JSON body is the method’s payload (<code>{'{}'}</code> when it has none); the answer is HTTP 200 with the
        response payload, <code>{'{}'}</code> for methods that return nothing. The Customer Chat API also takes{' '}
        <code>?organization_id=</code> on every request; a few methods are read with GET and query parameters, and{' '}
        <code>upload_file</code> takes <code>multipart/form-data</code>.
      </p>
      <Code>{`curl -X POST "$SWITCHBOARD/v3.4/agent/action/send_event" \\
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
  -d '{"chat_id": "PJ0MRSHTDG", "event": {"type": "message", "text": "Hi!"}}'
# {"event_id": "K600PKZON8_3"}`}</Code>
      <h3>RTM API</h3>
      <p>
        One JSON object per WebSocket text frame. Send <code>login</code> with the token within 30 seconds of connecting, then a{' '}
        <code>ping</code> at least every 15 seconds (a connection silent for 30 seconds is closed). A request’s{' '}
        <code>request_id</code> comes back in its response; pushes arrive as they happen. At most 10 requests may wait for an answer
        on one connection.
      </p>
      <Code>{`→ {"action": "login", "request_id": "1", "payload": {"token": "Bearer dal:…"}}
← {"request_id": "1", "action": "login", "type": "response", "success": true, "payload": {"license": {…}, "my_profile": {…}, "chats_summary": […]}}
→ {"action": "send_event", "request_id": "2", "payload": {"chat_id": "PJ0MRSHTDG", "event": {"type": "message", "text": "Hi!"}}}
← {"request_id": "2", "action": "send_event", "type": "response", "success": true, "payload": {"event_id": "K600PKZON8_3"}}
← {"version": "3.4", "action": "incoming_event", "type": "push", "payload": {"chat_id": "PJ0MRSHTDG", "thread_id": "K600PKZON8", "event": {…}}}
→ {"action": "ping", "payload": {}}`}</Code>
      <Code>{`const socket = new WebSocket(\`\${location.origin.replace(/^http/, 'ws')}/v3.4/agent/rtm/ws\`);
socket.onopen = () => {
  socket.send(JSON.stringify({ action: 'login', request_id: '1', payload: { token: \`Bearer \${token}\` } }));
  setInterval(() => socket.send(JSON.stringify({ action: 'ping', payload: {} })), 15_000);
};
socket.onmessage = (message) => console.log(JSON.parse(message.data));`}</Code>
    </section>
  );
}

export function Errors({ errors }: { errors: DocsSource['errors'] }) {
  return (
    <section aria-labelledby="errors">
      <h2 id="errors">Errors</h2>
      <p>
        A failed Web request answers a non-2xx status with <code>{'{"error": {"type", "message", "data"?}}'}</code>; a failed RTM request
        answers <code>"success": false</code> with that object as its payload. Clients should act on <code>type</code>; the message may be
        more specific than the default below.
      </p>
      <Code>{`{"error": {"type": "validation", "message": "chat_id: Required"}}`}</Code>
      <div class="table-scroll">
        <table>
          <thead><tr><th scope="col">type</th><th scope="col">HTTP</th><th scope="col">default message</th></tr></thead>
          <tbody>{errors.map((error) => <tr><td><code>{error.type}</code></td><td>{error.status}</td><td>{error.message}</td></tr>)}</tbody>
        </table>
      </div>
    </section>
  );
}

export function WebhooksGuide() {
  return (
    <section aria-labelledby="webhooks">
      <h2 id="webhooks">Webhooks</h2>
      <p>
        Webhooks are the Web API’s counterpart of pushes. Register one with <a href="#configuration/register_webhook"><code>register_webhook</code></a>{' '}
        (an action, a URL, a <code>secret_key</code>, optional filters); Switchboard then POSTs{' '}
        <code>{'{"webhook_id", "secret_key", "action", "organization_id", "payload", "additional_data"}'}</code> to the URL for every
        matching action (<a href="#webhook-actions">the list</a>).
      </p>
      <ul>
        <li><strong>At least once</strong>, <strong>in order per chat</strong>: deduplicate by the <code>x-switchboard-delivery</code> header (also <code>idempotency-key</code>), the same on every attempt.</li>
        <li><strong>Retried for 24 hours</strong> after a failure (not 2xx, a 10 s timeout), from 1 s doubling to 1 h; then dead, and replayable.</li>
        <li><strong>Signed</strong>: <code>x-switchboard-signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;raw body&gt;" keyed with the secret_key&gt;</code>.</li>
        <li>The delivery log, retries, replays and pauses are <a href="#extensions">Switchboard extensions</a>: <code>switchboard_list_webhook_deliveries</code> and the four after it.</li>
      </ul>
      <p>The repository’s <code>docs/webhooks.md</code> has the details, settings and metrics.</p>
    </section>
  );
}
