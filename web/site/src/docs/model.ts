/**
 * What the API docs show, joined at build time from the method catalogue
 * (libs/protocol), the status record (docs/method-index.md), the notes
 * extracted from the spec (spec-notes.json) and the examples (examples.json).
 * The build plugin (web/site/docs-prerender.mjs) hands the repository's
 * sources over as plain data: the page never imports server code.
 */
import examplesFile from './examples.json';
import specNotes from './spec-notes.json';

export type ApiName = 'agent' | 'customer' | 'configuration';

/** A catalogue entry, as libs/protocol's `MethodInfo`. */
export interface CatalogueMethod {
  api: ApiName;
  action: string;
  web: boolean;
  rtm: boolean;
  httpGet: boolean;
  noAuth?: boolean;
  transport: string;
}

/** The repository's sources the page is generated from. */
export interface DocsSource {
  methods: readonly CatalogueMethod[];
  extensions: readonly CatalogueMethod[];
  /** docs/method-index.md as written. */
  methodIndex: string;
  agentPushes: readonly string[];
  webhookActions: readonly { action: string; filters: readonly string[]; additional_data: readonly string[] }[];
  errors: readonly { type: string; message: string; status: number }[];
}

/** A block of the spec's notes: a paragraph, a table, a code sample or a list; text keeps inline markdown. */
export type Block = { p: string } | { table: { head: string[]; rows: string[][] } } | { code: string } | { list: string[] };

export interface Example {
  request?: unknown;
  /** File name of a multipart `upload_file` request. */
  multipart?: string;
  response: unknown;
  /** Why the response is not complete. */
  responseNote?: string;
  /** What an extension does (the spec describes only LiveChat's methods). */
  summary?: string;
}

export interface MethodDoc extends CatalogueMethod {
  /** Also its anchor: `agent/send_event`. */
  key: string;
  family: string;
  /** From docs/method-index.md; `extension` for Switchboard's own actions. */
  status: string;
  scopes?: string;
  notes: Block[];
  example: Example;
}

export interface PushDoc {
  name: string;
  payload: string;
}

export const API_TITLES: Record<ApiName, string> = {
  agent: 'Agent Chat API',
  customer: 'Customer Chat API',
  configuration: 'Configuration API',
};

const examples = examplesFile.examples as Record<string, Example>;
const notes = specNotes.methods as Record<string, { family: string; blocks: Block[] } | undefined>;
const scopes = specNotes.scopes as Record<string, string | undefined>;

/** `| agent | \`list_chats\` | both | implemented |` rows → status by `api/action` (the transport may hold a `|`: `web POST|GET`). */
export function parseMethodIndex(markdown: string): Map<string, string> {
  const statuses = new Map<string, string>();
  for (const match of markdown.matchAll(/^\| (agent|customer|configuration) \| `([a-z_]+)` \| .+ \| ([^|]+) \|$/gm)) {
    statuses.set(`${match[1]}/${match[2]}`, match[3].trim());
  }
  return statuses;
}

function toDoc(method: CatalogueMethod, status: string, family: string): MethodDoc {
  const key = `${method.api}/${method.action}`;
  const example = examples[key];
  if (!example) throw new Error(`web/site/src/docs/examples.json has no example for ${key}: add one`);
  return { ...method, key, family, status, scopes: scopes[key], notes: notes[key]?.blocks ?? [], example };
}

/** Every method with its status; a method the index does not list shows as `not in the method index`. */
export function methodDocs(source: DocsSource): MethodDoc[] {
  const statuses = parseMethodIndex(source.methodIndex);
  return source.methods.map((method) => {
    const key = `${method.api}/${method.action}`;
    return toDoc(method, statuses.get(key) ?? 'not in the method index', notes[key]?.family ?? 'Other');
  });
}

export function extensionDocs(source: DocsSource): MethodDoc[] {
  return source.extensions.map((method) => toDoc(method, 'extension', 'Switchboard extensions'));
}

export const customerPushes = (): PushDoc[] => specNotes.pushes.customer;

/** The catalogue's agent pushes, with the payload the spec gives each. */
export function agentPushes(source: DocsSource): PushDoc[] {
  const payloads = new Map(specNotes.pushes.agent.map((push) => [push.name, push]));
  return source.agentPushes.map((name) => payloads.get(name) ?? { name, payload: '' });
}

export const webhookPayload = (action: string): string => (specNotes.webhooks as Record<string, string | undefined>)[action] ?? '';

/** Groups items by a key, keeping first-seen order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups];
}
