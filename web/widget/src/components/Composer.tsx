import { useRef, useState } from 'preact/hooks';
import { PaperclipIcon } from './icons';

interface Props {
  disabled: boolean;
  uploading: string | undefined;
  onSend: (text: string) => Promise<boolean>;
  onTyped: (text: string) => void;
  onFile: (file: File) => void;
}

/** Where the customer writes: Enter sends, Shift+Enter starts a new line; a file goes out as soon as it is chosen. */
export function Composer({ disabled, uploading, onSend, onTyped, onFile }: Props) {
  const [text, setText] = useState('');
  const picker = useRef<HTMLInputElement>(null);

  // The box empties at once (what is typed next is not lost when the send completes); a failed send puts the text back.
  const send = async () => {
    const message = text.trim();
    if (!message || disabled) return;
    setText('');
    if (!(await onSend(message))) setText((typed) => typed || message);
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {uploading && (
        <p class="muted uploading" role="status">
          Uploading {uploading}…
        </p>
      )}
      <label for="message" class="visually-hidden">
        Message
      </label>
      <span id="message-hint" class="visually-hidden">
        Enter sends, Shift+Enter starts a new line.
      </span>
      <textarea
        id="message"
        aria-describedby="message-hint"
        rows={2}
        placeholder="Write a message…"
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          onTyped(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <input
        ref={picker}
        type="file"
        class="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) onFile(file);
        }}
      />
      <div class="composer-actions">
        <button type="button" class="secondary icon" aria-label="Attach a file" disabled={disabled || Boolean(uploading)} onClick={() => picker.current?.click()}>
          <PaperclipIcon />
        </button>
        <button type="submit" disabled={disabled || !text.trim()}>
          Send
        </button>
      </div>
    </form>
  );
}
