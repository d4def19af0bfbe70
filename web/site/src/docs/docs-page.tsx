/** The whole API reference page, prerendered at build time (render.tsx). */
import { Filters } from './filters';
import { Calling, Errors, GettingStarted, WebhooksGuide } from './guide';
import { Inline } from './markdown';
import { MethodSection, StatusLine } from './method-sections';
import { agentPushes, API_TITLES, customerPushes, extensionDocs, methodDocs, type ApiName, type DocsSource } from './model';
import { Pushes, WebhookActions } from './pushes';
import { Tokens } from './tokens';

const APIS: ApiName[] = ['agent', 'customer', 'configuration'];
const API_NOTES: Record<ApiName, string> = {
  agent: 'What agents and bots use to chat: Web and RTM, an agent access token or personal access token.',
  customer: 'What chat widgets use: Web and RTM, a customer access token, `organization_id` in the query string of every request.',
  configuration: 'Agents, groups, bots, properties, webhooks and auto access: Web only, an agent access token or personal access token.',
};

export function DocsPage({ source }: { source: DocsSource }) {
  const methods = methodDocs(source);
  const extensions = extensionDocs(source);
  const implemented = methods.filter((method) => method.status === 'implemented').length;
  const contents: [string, string][] = [
    ['getting-started', 'Getting started'],
    ['tokens', 'Tokens walk-through'],
    ['calling', 'Calling the APIs'],
    ['errors', 'Errors'],
    ['webhooks', 'Webhooks'],
    ...APIS.map((api): [string, string] => [`${api}-api`, API_TITLES[api]]),
    ['extensions', 'Switchboard extensions'],
    ['pushes', 'Pushes'],
    ['webhook-actions', 'Webhook actions'],
  ];
  return (
    <>
      <a class="skip-link" href="#main">Skip to the reference</a>
      <header class="docs-header">
        <p class="brand"><a href="/">Switchboard</a></p>
        <h1>API reference</h1>
        <p class="muted">LiveChat Messaging API v3.4 as this server speaks it.</p>
      </header>
      <div class="docs-layout">
        <nav class="contents" aria-label="Contents">
          <ul>{contents.map(([id, title]) => <li><a href={`#${id}`}>{title}</a></li>)}</ul>
        </nav>
        <main id="main">
          <GettingStarted methodCount={methods.length} implemented={implemented} />
          <Tokens />
          <Calling />
          <Errors errors={source.errors} />
          <WebhooksGuide />
          {/* The filter bar stays in view while the reader is among the methods, and only there. */}
          <div class="method-list">
            <Filters total={methods.length + extensions.length} />
            {APIS.map((api) => {
              const ofApi = methods.filter((method) => method.api === api);
              return (
                <MethodSection id={`${api}-api`} title={API_TITLES[api]} methods={ofApi}>
                  <p><Inline text={API_NOTES[api]} /></p>
                  <StatusLine methods={ofApi} />
                </MethodSection>
              );
            })}
            <MethodSection id="extensions" title="Switchboard extensions" methods={extensions}>
              <p>
                Configuration API actions of Switchboard’s own, named <code>switchboard_*</code> so they never collide with a LiveChat
                method: the chat widget’s settings, forms, greetings, goals and translations (which LiveChat keeps in its own apps),
                routing settings, and the webhook delivery log. For owners, vice owners and administrators.
              </p>
            </MethodSection>
          </div>
          <Pushes agent={agentPushes(source)} customer={customerPushes()} webhooks={new Set(source.webhookActions.map((a) => a.action))} />
          <WebhookActions actions={source.webhookActions} />
        </main>
      </div>
    </>
  );
}
