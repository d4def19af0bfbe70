/**
 * SQL shared by the archive projection and its back-fill migration, so both
 * index exactly the same things (ADR 0032).
 */

/** The text search configuration: no stemming, no stop words — chats are in any language. */
export const SEARCH_CONFIG = `'simple'`;

const array = (json: string) => `(CASE WHEN jsonb_typeof(${json}) = 'array' THEN ${json} ELSE '[]'::jsonb END)`;

/**
 * The searchable text of an event (a jsonb expression `e`): a message's text,
 * a file's name, every answer of a filled form; '' for anything else.
 */
export const searchableText = (e: string) => `COALESCE(CASE ${e}->>'type'
  WHEN 'message' THEN ${e}->>'text'
  WHEN 'file' THEN ${e}->>'name'
  WHEN 'filled_form' THEN (
    SELECT string_agg(concat_ws(' ',
      CASE WHEN jsonb_typeof(f->'answer') = 'string' THEN f->>'answer' END,
      f->'answer'->>'label',
      (SELECT string_agg(a->>'label', ' ') FROM jsonb_array_elements(${array("f->'answers'")}) a)), ' ')
    FROM jsonb_array_elements(${array(`${e}->'fields'`)}) f)
END, '')`;

const strings = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const label = (value: unknown): string | undefined => {
  const found = (value as { label?: unknown } | null | undefined)?.label;
  return found === undefined || found === null ? undefined : String(found);
};

/**
 * {@link searchableText} computed in the process (the projection's hot path
 * sends the text, not the event, so its statement stays cheap to plan): the
 * same result for every event, as the archive contract test checks against
 * the back-fill, which uses the SQL.
 */
export function searchableTextOf(event: { type?: unknown; text?: unknown; name?: unknown; fields?: unknown }): string {
  switch (event.type) {
    case 'message':
      return typeof event.text === 'string' ? event.text : '';
    case 'file':
      return typeof event.name === 'string' ? event.name : '';
    case 'filled_form': {
      const fields = strings(event.fields).map((field) => {
        const f = field as { answer?: unknown; answers?: unknown };
        const answers = strings(f.answers).map(label).filter((l): l is string => l !== undefined);
        const parts = [typeof f.answer === 'string' ? f.answer : undefined, label(f.answer), answers.length > 0 ? answers.join(' ') : undefined];
        return parts.filter((p): p is string => p !== undefined).join(' ');
      });
      return fields.join(' ');
    }
    default:
      return '';
  }
}

/**
 * The search vector of a text: its words as PostgreSQL's parser reads them
 * (`receipt-scan.png`, `jo@example.com` are one word each) and again split at
 * punctuation, so that `receipt` or `example` find them too.
 */
export const searchVector = (text: string) => `to_tsvector(${SEARCH_CONFIG}, ${text} || ' ' || regexp_replace(${text}, '[[:punct:]]+', ' ', 'g'))`;

/** ASCII punctuation, as `[[:punct:]]` reads it in the C locale (PGlite's; ADR 0032). */
const PUNCTUATION = /[!-/:-@[-`{-~]+/g;

/**
 * What {@link searchVector} parses, made in the process: the text and again
 * split at punctuation. The projection's hot path sends this and the database
 * only parses it (`to_tsvector` of the parameter), sparing a regular
 * expression per message.
 */
export const searchDocument = (text: string): string => `${text} ${text.replace(PUNCTUATION, ' ')}`;

/** The search vector of a {@link searchDocument}. */
export const documentVector = (document: string) => `to_tsvector(${SEARCH_CONFIG}, ${document})`;

/** Event types whose text is searchable (the projection sends only these to the database). */
export const SEARCHABLE_TYPES: readonly string[] = ['message', 'file', 'filled_form'];

/** Event types that count as an agent's response (`agent_response` filter). */
export const RESPONSE_TYPES: readonly string[] = ['message', 'file', 'rich_message', 'filled_form'];

/**
 * Facets: every set-valued filter of a thread in one `text[]` with one GIN
 * index. `a:<agent>` took part, `t:<tag>`, `e:<event type>`, `r:<agent>`
 * responded, `f:<agent>` responded first; `a*`, `t*`, `r*` mark that there is
 * at least one.
 */
export const FACET = {
  agent: 'a:',
  anyAgent: 'a*',
  tag: 't:',
  anyTag: 't*',
  eventType: 'e:',
  responder: 'r:',
  anyResponder: 'r*',
  firstResponder: 'f:',
} as const;

/** Facets that come from the thread's events rather than from the chat's state: kept across updates. */
export const ACCUMULATED_FACETS = `(f LIKE 'e:%' OR f LIKE 'r:%' OR f = 'r*' OR f LIKE 'f:%')`;
