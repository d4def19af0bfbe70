/**
 * The embed script any web page includes to get the chat widget:
 *
 *   <script src="ORIGIN/widget/embed.js" data-organization-id="ORG" async></script>
 *
 * (optional `data-group-id="N"`). It adds a launcher button and the widget's
 * iframe (`ORIGIN/widget/`), hidden until the launcher is clicked. A classic
 * script served at a stable address, so it imports nothing and keeps every
 * name inside one function: the page's own globals stay untouched. The
 * launcher lives in a shadow root, so the page's stylesheets cannot restyle it
 * and ours cannot leak into the page.
 */
(() => {
  type Flagged = Window & { __switchboardWidget?: true };
  // The snippet pasted twice (or a single-page app re-running it) still gives one widget.
  if ((window as Flagged).__switchboardWidget) return;

  const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[src$="/widget/embed.js"]');
  const organizationId = script?.dataset.organizationId;
  if (!script || !organizationId) {
    console.warn('Switchboard: the widget script needs data-organization-id');
    return;
  }
  (window as Flagged).__switchboardWidget = true;

  const origin = new URL(script.src, location.href).origin;
  const query = new URLSearchParams({ organization_id: organizationId, page_url: location.href, page_title: document.title });
  if (script.dataset.groupId) query.set('group_id', script.dataset.groupId);

  const host = document.createElement('div');
  host.setAttribute('data-switchboard-widget', '');
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>
  :host { all: initial; }
  button {
    position: fixed; right: 20px; bottom: 20px; z-index: 2147483646;
    width: 60px; height: 60px; border-radius: 50%; border: 0; padding: 0;
    display: grid; place-items: center; cursor: pointer;
    background: #0a5bd3; color: #fff; box-shadow: 0 4px 16px rgba(0, 0, 0, 0.25);
  }
  button:focus-visible { outline: 3px solid #f5a623; outline-offset: 3px; }
  .close, .open .chat { display: none; }
  .open .close { display: block; }
  .badge {
    position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px; padding: 0 6px;
    border-radius: 11px; background: #b42318; color: #fff; font: 700 13px/22px system-ui, sans-serif;
  }
  .badge[hidden] { display: none; }
  iframe {
    position: fixed; right: 20px; bottom: 92px; z-index: 2147483647;
    width: 380px; height: min(600px, calc(100vh - 112px)); border: 0; border-radius: 14px;
    background: #fff; box-shadow: 0 8px 32px rgba(0, 0, 0, 0.25); color-scheme: normal;
  }
  iframe[hidden] { display: none; }
  /* Phone-sized screens: the open chat takes the whole screen and has its own minimize button. */
  @media (max-width: 480px) {
    iframe { inset: 0; width: 100%; height: 100%; border-radius: 0; }
    button.open { display: none; }
  }
</style>
<button type="button" aria-expanded="false" aria-controls="switchboard-chat">
  <svg class="chat" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>
  <svg class="close" viewBox="0 0 24 24" width="26" height="26" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" d="M6 6l12 12M18 6L6 18"/></svg>
  <span class="badge" hidden></span>
</button>
<iframe id="switchboard-chat" title="Chat" hidden></iframe>`;

  const launcher = root.querySelector('button')!;
  const badge = root.querySelector<HTMLElement>('.badge')!;
  const frame = root.querySelector('iframe')!;
  frame.src = `${origin}/widget/?${query}`;

  let open = false;
  let unread = 0;

  /**
   * The launcher says what it does now, and how many messages wait unread.
   * Its nodes stay (classes and attributes change): a node replaced under the
   * pointer between press and release would swallow the customer's click.
   */
  const renderLauncher = () => {
    launcher.classList.toggle('open', open);
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', open ? 'Minimize chat' : unread > 0 ? `Open chat, ${unread} unread` : 'Open chat');
    badge.textContent = String(unread);
    badge.hidden = open || unread === 0;
  };

  const tellWidget = () => frame.contentWindow?.postMessage({ type: 'switchboard:panel', open }, origin);

  const setOpen = (value: boolean, focusLauncher = false) => {
    open = value;
    frame.hidden = !open;
    renderLauncher();
    tellWidget();
    if (open) frame.focus();
    else if (focusLauncher) launcher.focus();
  };

  launcher.addEventListener('click', () => setOpen(!open));
  // A widget loaded after the launcher was clicked learns it is visible.
  frame.addEventListener('load', tellWidget);
  window.addEventListener('message', (event) => {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    const data = event.data as { type?: string; count?: number };
    if (data?.type === 'switchboard:close') setOpen(false, true);
    if (data?.type === 'switchboard:unread' && typeof data.count === 'number') {
      unread = data.count;
      renderLauncher();
    }
  });

  renderLauncher();
  // A script in <head> may run before there is a body to add to.
  if (document.body) document.body.append(host);
  else document.addEventListener('DOMContentLoaded', () => document.body.append(host));
})();
