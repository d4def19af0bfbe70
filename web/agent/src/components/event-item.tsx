/** One event as a person reads it: a message, a file (a thumbnail for images), a form's answers, a rich message or a system line. */
import { displayName } from '../chats/state';
import { shortTime } from '../chats/time';
import type { ChatEvent, FormField, User } from '../chats/types';

interface Props {
  event: ChatEvent;
  author: User | undefined;
  mine: boolean;
}

export function EventItem({ event, author, mine }: Props) {
  if (event.type === 'system_message')
    return (
      <li class="event system" data-event-id={event.id}>
        {event.text}
      </li>
    );
  const who = mine ? 'You' : displayName(author);
  return (
    <li class={`event ${mine ? 'mine' : author?.type === 'customer' ? 'theirs customer' : 'theirs'}`} data-event-id={event.id}>
      <p class="meta">
        <span class="author">{who}</span> <time dateTime={event.created_at}>{shortTime(event.created_at)}</time>
        {event.visibility === 'agents' && <span class="whisper"> · only agents see this</span>}
      </p>
      <div class="bubble">
        <Body event={event} />
      </div>
    </li>
  );
}

function Body({ event }: { event: ChatEvent }) {
  switch (event.type) {
    case 'message':
      return <p class="text">{event.text}</p>;
    case 'file':
      return <FileBody event={event} />;
    case 'filled_form':
      return (
        <dl class="form-answers">
          {(event.fields ?? []).map((field) => (
            <div key={field.id}>
              <dt>{field.label}</dt>
              <dd>{answerText(field)}</dd>
            </div>
          ))}
        </dl>
      );
    case 'rich_message':
      return (
        <div class="rich">
          {(event.elements ?? []).map((element, index) => (
            <div key={index} class="rich-element">
              {element.image && <img src={element.image.url} alt={element.image.alternative_text ?? ''} />}
              {element.title && <p class="title">{element.title}</p>}
              {element.subtitle && <p class="muted">{element.subtitle}</p>}
              {element.buttons?.length ? <p class="muted">Buttons: {element.buttons.map((button) => button.text).join(', ')}</p> : null}
            </div>
          ))}
        </div>
      );
    default:
      return <p class="muted">({event.type} event)</p>;
  }
}

function FileBody({ event }: { event: ChatEvent }) {
  const name = event.name ?? 'file';
  if (event.content_type?.startsWith('image/'))
    return (
      <a href={event.url} target="_blank" rel="noopener" class="file image">
        <img src={event.thumbnail_url ?? event.url} alt={event.alternative_text ?? name} />
        <span>{name}</span>
      </a>
    );
  return (
    <a href={event.url} target="_blank" rel="noopener" class="file" download={name}>
      {name}
      {event.size !== undefined && <span class="muted"> ({formatSize(event.size)})</span>}
    </a>
  );
}

function answerText(field: FormField): string {
  if (field.answers) return field.answers.map((answer) => answer.label).join(', ');
  if (typeof field.answer === 'object') return field.answer.label;
  return field.answer ?? '';
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
