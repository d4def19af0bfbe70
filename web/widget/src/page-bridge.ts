/**
 * The few words the widget and the embed script on the customer's page
 * exchange (postMessage, each side checking who wrote): the page says when
 * the panel opens or closes; the widget asks to close (its minimize button,
 * Escape) and says how many messages wait unread, for the launcher's badge.
 */
import { WidgetConfig } from './config';

export interface PageBridge {
  /** Whether the customer sees the panel now (always, when the widget is opened on its own). */
  readonly open: boolean;
  /** Calls back with every change of the panel's visibility. */
  onPanel(listener: (open: boolean) => void): void;
  close(): void;
  reportUnread(count: number): void;
}

/** Listens at once (before the app renders): the page tells the panel's state as soon as the frame has loaded. */
export function connectToPage(config: WidgetConfig): PageBridge {
  let open = !config.embedded;
  const listeners: Array<(open: boolean) => void> = [];
  const post = (message: object) => {
    if (config.embedded && config.pageOrigin) window.parent.postMessage(message, config.pageOrigin);
  };
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.origin !== config.pageOrigin) return;
    const data = event.data as { type?: string; open?: unknown };
    if (data?.type !== 'switchboard:panel' || typeof data.open !== 'boolean') return;
    open = data.open;
    for (const listener of listeners) listener(open);
  });
  return {
    get open() {
      return open;
    },
    onPanel: (listener) => void listeners.push(listener),
    close: () => post({ type: 'switchboard:close' }),
    reportUnread: (count) => post({ type: 'switchboard:unread', count }),
  };
}
