/** The pushes of both chat APIs and the webhook actions, as the catalogue lists them, with the spec's payloads. */
import { Inline } from './markdown';
import type { DocsSource, PushDoc } from './model';
import { webhookPayload } from './model';

/** `webhooks`: the webhook actions, to say which agent pushes have one of the same name. */
function PushTable({ caption, pushes, webhooks }: { caption: string; pushes: PushDoc[]; webhooks?: Set<string> }) {
  return (
    <div class="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead><tr><th scope="col">push</th><th scope="col">payload</th>{webhooks && <th scope="col">webhook too</th>}</tr></thead>
        <tbody>
          {pushes.map((push) => (
            <tr id={`push/${push.name}`}>
              <td><code>{push.name}</code></td>
              <td><Inline text={push.payload} /></td>
              {webhooks && <td>{webhooks.has(push.name) ? 'yes' : 'no'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Pushes({ agent, customer, webhooks }: { agent: PushDoc[]; customer: PushDoc[]; webhooks: Set<string> }) {
  return (
    <section aria-labelledby="pushes">
      <h2 id="pushes">Pushes</h2>
      <p>
        Pushes reach RTM connections as <code>{'{"version", "action", "type": "push", "payload"}'}</code> frames; <code>login</code>’s{' '}
        <code>pushes</code> narrows or widens which (<code>{'{"3.4": ["incoming_chat", "incoming_event"]}'}</code>).
      </p>
      <PushTable caption={`Agent Chat API (${agent.length})`} pushes={agent} webhooks={webhooks} />
      <PushTable caption={`Customer Chat API (${customer.length})`} pushes={customer} />
    </section>
  );
}

export function WebhookActions({ actions }: { actions: DocsSource['webhookActions'] }) {
  return (
    <section aria-labelledby="webhook-actions">
      <h2 id="webhook-actions">Webhook actions</h2>
      <p>What <code>register_webhook</code> accepts as <code>action</code>, with the filters and additional data each supports (<code>list_webhook_names</code> answers the same).</p>
      <div class="table-scroll">
        <table>
          <thead><tr><th scope="col">action</th><th scope="col">filters</th><th scope="col">additional data</th><th scope="col">payload</th></tr></thead>
          <tbody>
            {actions.map((action) => (
              <tr id={`webhook/${action.action}`}>
                <td><code>{action.action}</code></td>
                <td>{action.filters.join(', ')}</td>
                <td>{action.additional_data.join(', ') || '—'}</td>
                <td><Inline text={webhookPayload(action.action)} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
