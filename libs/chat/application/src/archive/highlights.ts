import { ChatEventRecord } from '@switchboard/chat/domain';

/** `highlights` of `list_archives`, defaults filled in. */
export interface HighlightTags {
  pre_tag: string;
  post_tag: string;
}

/** Where a query matched in one event: `thread.highlight[]` of `list_archives` (ADR 0032). */
export interface Highlight {
  event_id: string;
  type: string;
  field: string;
  highlight: string;
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The words a full-text query looks for, as the `simple` configuration sees
 * them: lower-cased runs of letters and digits; `-excluded` words and the
 * `or` operator are not looked for.
 */
export function queryWords(query: string): string[] {
  const included = query.replace(/(^|\s)-\S+/g, ' ');
  const words = included.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  return [...new Set(words.filter((w) => w !== 'or'))];
}

/** `text` with every whole-word occurrence of `words` between the tags; undefined when none occurs. */
export function mark(text: string, words: string[], tags: HighlightTags): string | undefined {
  if (words.length === 0) return undefined;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(${words.map(escape).join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  const marked = text.replace(pattern, (found) => `${tags.pre_tag}${found}${tags.post_tag}`);
  return marked === text ? undefined : marked;
}

/** The searchable fields of an event, as the archive indexes them: message text, file name, form answers. */
function searchableFields(event: ChatEventRecord): Array<[field: string, text: string]> {
  if (event.type === 'message' && typeof event.text === 'string') return [['text', event.text]];
  if (event.type === 'file' && typeof event.name === 'string') return [['name', event.name]];
  if (event.type !== 'filled_form' || !Array.isArray(event.fields)) return [];
  return (event.fields as Array<Record<string, unknown>>).flatMap((field, i): Array<[string, string]> => {
    const answer = field.answer as string | { label?: string } | undefined;
    const answers = Array.isArray(field.answers) ? (field.answers as Array<{ label?: string }>) : [];
    const text = [typeof answer === 'string' ? answer : answer?.label, ...answers.map((a) => a.label)].filter((t) => typeof t === 'string').join(' ');
    return text ? [[`fields.${typeof field.id === 'string' ? field.id : i}`, text]] : [];
  });
}

/** Every place in `events` where a word of `query` occurs, marked with `tags`. */
export function highlightEvents(events: ChatEventRecord[], query: string, tags: HighlightTags): Highlight[] {
  const words = queryWords(query);
  return events.flatMap((event) =>
    searchableFields(event).flatMap(([field, text]) => {
      const highlight = mark(text, words, tags);
      return highlight === undefined ? [] : [{ event_id: event.id, type: event.type, field, highlight }];
    }),
  );
}
