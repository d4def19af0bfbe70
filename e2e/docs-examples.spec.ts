import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiName, METHOD_CATALOG, SWITCHBOARD_EXTENSIONS, validatePayload } from '@switchboard/protocol';

interface Example {
  request?: unknown;
  multipart?: string;
  response: unknown;
}

const EXAMPLES = join(__dirname, '../web/site/src/docs/examples.json');
const { examples } = JSON.parse(readFileSync(EXAMPLES, 'utf8')) as { examples: Record<string, Example> };

/** Older parameter names the schemas accept and rename (`update_group_properties` takes the spec's `group_id` as `id`). */
const RENAMED: Record<string, string> = { group_id: 'id', chat_id: 'id' };

/** Paths of `sent` that validation dropped: fields the server ignores, i.e. typos or parameters it does not know. */
function ignoredFields(sent: unknown, parsed: unknown, path = ''): string[] {
  if (Array.isArray(sent)) return sent.flatMap((item, i) => ignoredFields(item, (parsed as unknown[])[i], `${path}[${i}]`));
  if (typeof sent !== 'object' || sent === null) return [];
  const kept = parsed as Record<string, unknown>;
  return Object.entries(sent).flatMap(([key, value]) => {
    const name = key in kept ? key : RENAMED[key];
    return name && name in kept ? ignoredFields(value, kept[name], `${path}.${key}`) : [`${path}.${key}`];
  });
}

/**
 * The request examples of the API docs (/docs/) are requests this server
 * accepts as written: each passes the method's own payload validation, and
 * none carries a field the server would silently drop.
 */
describe('the API docs examples', () => {
  const methods = [...METHOD_CATALOG, ...SWITCHBOARD_EXTENSIONS];

  it('cover every method of the catalogue and the Switchboard extensions, and nothing else', () => {
    expect(Object.keys(examples).sort()).toEqual(methods.map((m) => `${m.api}/${m.action}`).sort());
  });

  it.each(methods.map((m) => [`${m.api}/${m.action}`, m.api] as const))('%s: the request passes validation', (key, api) => {
    const example = examples[key];
    if (example.multipart !== undefined) {
      expect(example.request).toBeUndefined();
      return;
    }
    const action = key.split('/')[1];
    const parsed = validatePayload(api as ApiName, action, example.request);
    expect(ignoredFields(example.request, parsed)).toEqual([]);
  });
});
