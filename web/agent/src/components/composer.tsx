/**
 * Writing to the customer: Enter sends (Shift+Enter is a new line), a file
 * goes up with `upload_file` and out as a `file` event, and the agent's
 * typing is told to the chat — at most every few seconds, and stopped when
 * the agent pauses or sends.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgentClient } from '../client';
import { errorText, useAgent } from '../context';

/** Renew "typing" no more often than this… */
const TYPING_RENEW_MS = 3000;
/** …and call it over after this long without a keystroke. */
const TYPING_IDLE_MS = 4000;

export function Composer({ chatId }: { chatId: string }) {
  const { client } = useAgent();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const queue = useRef<Promise<void>>(Promise.resolve());
  const typing = useTypingSignal(client, chatId);

  const run = async (what: string, work: () => Promise<void>) => {
    setBusy(what);
    setProblem(undefined);
    try {
      await work();
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(undefined);
    }
  };

  // The box empties at once, so what is typed meanwhile is kept; messages go out one after the other, in order; a failed one comes back to the box.
  const send = () => {
    const message = text.trim();
    if (!message) return;
    typing.stop();
    setText('');
    queue.current = queue.current.then(() =>
      run('Sending…', async () => {
        try {
          await client.request('send_event', { chat_id: chatId, event: { type: 'message', text: message, visibility: 'all' } });
        } catch (error) {
          setText((typed) => typed || message);
          throw error;
        }
      }),
    );
  };

  const sendFile = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    queue.current = queue.current.then(() =>
      run(`Sending ${file.name}…`, async () => {
        const url = await client.upload(file);
        await client.request('send_event', { chat_id: chatId, event: { type: 'file', url, visibility: 'all' } });
      }),
    );
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <textarea
        aria-label="Your message"
        placeholder="Write a message… (Enter sends)"
        rows={2}
        value={text}
        onInput={(event) => {
          setText(event.currentTarget.value);
          typing.typed();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            send();
          }
        }}
      />
      <div class="composer-actions">
        <label class="file-button">
          Send a file
          <input type="file" class="visually-hidden" disabled={!!busy} onChange={(event) => sendFile(event.currentTarget)} />
        </label>
        <button type="submit" disabled={!text.trim()}>
          Send
        </button>
      </div>
      <p role="status" class="muted composer-status">
        {busy}
      </p>
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
    </form>
  );
}

function useTypingSignal(client: AgentClient, chatId: string) {
  const state = useRef({ typing: false, sentAt: 0, idle: undefined as ReturnType<typeof setTimeout> | undefined });
  const signal = (isTyping: boolean) => void client.request('send_typing_indicator', { chat_id: chatId, is_typing: isTyping }).catch(() => undefined);
  const stop = () => {
    clearTimeout(state.current.idle);
    if (state.current.typing) signal(false);
    state.current.typing = false;
  };
  useEffect(() => stop, [chatId]);
  return {
    stop,
    typed() {
      const now = Date.now();
      if (!state.current.typing || now - state.current.sentAt > TYPING_RENEW_MS) {
        signal(true);
        state.current = { ...state.current, typing: true, sentAt: now };
      }
      clearTimeout(state.current.idle);
      state.current.idle = setTimeout(stop, TYPING_IDLE_MS);
    },
  };
}
