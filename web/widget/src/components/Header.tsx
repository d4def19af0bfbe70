import { RtmState } from '@web/shared';
import { GroupStatus } from '../widget-configuration';

interface Props {
  connection: RtmState;
  ready: boolean;
  groupStatus: GroupStatus | undefined;
  /** In an iframe the panel can be minimized; opened on its own it cannot. */
  onMinimize?: () => void;
}

/** The panel's title bar: who the customer talks to, whether anyone is there, and the minimize button. */
export function Header({ connection, ready, groupStatus, onMinimize }: Props) {
  const status = ready && connection !== 'online' ? 'Reconnecting…' : !ready ? 'Connecting…' : groupStatus === 'offline' ? "We're offline" : "We're online";
  const tone = ready && connection === 'online' ? (groupStatus === 'offline' ? 'away' : 'on') : 'pending';
  return (
    <header class="header">
      <div>
        <h1>Chat with us</h1>
        <p class="status">
          <span class={`dot ${tone}`} aria-hidden="true" />
          {status}
        </p>
      </div>
      {onMinimize && (
        <button type="button" class="icon minimize" aria-label="Minimize chat" onClick={onMinimize}>
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
            <path fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" d="M6 12h12" />
          </svg>
        </button>
      )}
    </header>
  );
}
