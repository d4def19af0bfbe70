/** A read-only value with a Copy button (the clipboard when the browser allows it, else the text is selected for the agent). */
import { useRef, useState } from 'preact/hooks';

interface Props {
  id: string;
  label: string;
  value: string;
  multiline?: boolean;
}

export function CopyField({ id, label, value, multiline }: Props) {
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState('');
  const copy = async () => {
    field.current?.select();
    try {
      await navigator.clipboard.writeText(value);
      setCopied('Copied.');
    } catch {
      setCopied('Selected: press Ctrl+C (⌘C) to copy.');
    }
  };
  return (
    <div class="copy-field">
      <label for={id}>{label}</label>
      <div class="inline-form">
        {multiline ? <textarea id={id} ref={field} readOnly rows={3} value={value} /> : <input id={id} ref={field} readOnly value={value} />}
        <button type="button" class="secondary" onClick={() => void copy()} aria-label={`Copy ${label.toLowerCase()}`}>
          Copy
        </button>
      </div>
      <p role="status" class="muted">
        {copied}
      </p>
    </div>
  );
}
