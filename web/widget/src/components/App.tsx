import { useEffect, useState } from 'preact/hooks';
import { WidgetConfig } from '../config';
import { LEAVE_A_MESSAGE_FORM } from '../forms';
import { WidgetController, WidgetState } from '../widget-controller';
import { Composer } from './Composer';
import { Conversation } from './Conversation';
import { FormView } from './FormView';
import { Header } from './Header';

/** Which screen the panel shows. */
type Screen = 'unavailable' | 'connecting' | 'offline-form' | 'prechat' | 'chat';

function screenOf(state: WidgetState): Screen {
  if (state.fatal || !state.domainAllowed) return 'unavailable';
  if (!state.ready) return 'connecting';
  if (state.chat) return 'chat';
  if (state.groupStatus === 'offline') return 'offline-form';
  return state.prechat ? 'prechat' : 'chat';
}

function useWidgetState(controller: WidgetController): WidgetState {
  const [state, setState] = useState(controller.state);
  useEffect(() => controller.subscribe(() => setState(controller.state)), [controller]);
  return state;
}

export function App({ controller, config }: { controller: WidgetController; config: WidgetConfig }) {
  const state = useWidgetState(controller);
  const screen = screenOf(state);

  // Opening the panel (or a new screen in it) puts the customer in its first field.
  useEffect(() => {
    if (state.open) document.querySelector<HTMLElement>('main input:not([type=file]), main select, main textarea')?.focus();
  }, [state.open, screen]);

  useEffect(() => {
    if (!config.embedded) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && controller.minimize();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [controller, config.embedded]);

  const known = { name: state.customer?.name ?? '', email: state.customer?.email ?? '' };
  return (
    <div class="widget">
      <Header connection={state.connection} ready={state.ready} groupStatus={state.groupStatus} onMinimize={config.embedded ? () => controller.minimize() : undefined} />
      <main>
        {screen === 'unavailable' && (
          <p class="notice error" role="alert">
            {state.fatal ?? 'This chat is not available on this website.'}
          </p>
        )}
        {screen === 'connecting' && (
          <p class="notice muted" role="status">
            Connecting…
          </p>
        )}
        {screen === 'offline-form' && (
          <FormView
            form={state.ticket ?? LEAVE_A_MESSAGE_FORM}
            heading="We're offline — leave a message"
            intro="Nobody can chat right now. Leave your message and an agent will answer it here, or by e-mail."
            submitLabel="Send message"
            busy={state.busy}
            initial={known}
            onSubmit={(fields) => void controller.submitForm(state.ticket ?? LEAVE_A_MESSAGE_FORM, state.ticket ? 'ticket' : 'message', fields)}
          />
        )}
        {screen === 'prechat' && state.prechat && (
          <FormView
            form={state.prechat}
            heading="Before we start"
            intro="Tell us a little about you, so we can help you better."
            submitLabel="Start the chat"
            busy={state.busy}
            initial={known}
            onSubmit={(fields) => void controller.submitForm(state.prechat!, 'prechat', fields)}
          />
        )}
        {screen === 'chat' && (
          <Conversation
            chat={state.chat}
            customerId={state.customer?.id}
            groupStatus={state.groupStatus}
            typing={state.typing}
            busy={state.busy}
            onStartNewChat={() => void controller.startNewChat()}
          />
        )}
        {state.error && (
          <p class="notice error" role="alert">
            {state.error}
          </p>
        )}
        {screen === 'chat' && (
          <Composer
            disabled={state.connection !== 'online'}
            uploading={state.uploading}
            onSend={(text) => controller.send(text)}
            onTyped={(text) => controller.typed(text)}
            onFile={(file) => void controller.sendFile(file)}
          />
        )}
      </main>
    </div>
  );
}
