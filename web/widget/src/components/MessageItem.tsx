import { ChatEvent, ChatView, FilledField, nameOf } from '../chat-state';
import { PaperclipIcon } from './icons';

interface Props {
  event: ChatEvent;
  chat: ChatView;
  customerId: string | undefined;
}

/** One event of the chat: a message or file from either side, a system message, the customer's filled form. */
export function MessageItem({ event, chat, customerId }: Props) {
  if (event.type === 'system_message') return <li class="system">{event.text}</li>;
  if (event.type === 'filled_form') return <FilledForm fields={event.fields ?? []} />;
  if (event.type !== 'message' && event.type !== 'file') return null;
  const mine = event.author_id === customerId;
  return (
    <li class={mine ? 'bubble mine' : 'bubble theirs'}>
      {mine ? <span class="visually-hidden">You:</span> : <span class="author">{nameOf(chat, event.author_id)}</span>}
      {event.type === 'message' ? <p class="text">{event.text}</p> : <Attachment event={event} />}
      <time dateTime={event.created_at}>{new Date(event.created_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</time>
    </li>
  );
}

function Attachment({ event }: { event: ChatEvent }) {
  const name = event.name ?? 'file';
  if (event.content_type?.startsWith('image/')) {
    return (
      <a class="attachment" href={event.url} target="_blank" rel="noopener noreferrer">
        <img src={event.thumbnail_url ?? event.url} alt={event.alternative_text ?? name} width={event.width} height={event.height} />
      </a>
    );
  }
  return (
    <a class="attachment file" href={event.url} target="_blank" rel="noopener noreferrer">
      <PaperclipIcon size={16} />
      {name}
      {event.size !== undefined && <span class="muted"> ({formatSize(event.size)})</span>}
    </a>
  );
}

function FilledForm({ fields }: { fields: FilledField[] }) {
  const answer = (f: FilledField) => (f.answers ? f.answers.map((a) => a.label).join(', ') : typeof f.answer === 'object' ? f.answer.label : f.answer);
  return (
    <li class="filled-form">
      <span class="visually-hidden">You filled in:</span>
      <dl>
        {fields.map((f) => (
          <div key={f.id}>
            <dt>{f.label}</dt>
            <dd>{answer(f)}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
