/**
 * Stream ids are `<stream-type>-<id>`: `chat-PJ0MRSHTDG`, `agent-smith@example.com`,
 * `organization-390e44e6-...`. The type is everything before the first dash.
 */
export function streamId(type: string, id: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(type)) throw new Error(`Invalid stream type "${type}"`);
  if (id.length === 0) throw new Error('Empty stream id');
  return `${type}-${id}`;
}

export function parseStreamId(value: string): { type: string; id: string } {
  const dash = value.indexOf('-');
  if (dash <= 0 || dash === value.length - 1) throw new Error(`Invalid stream id "${value}"`);
  return { type: value.slice(0, dash), id: value.slice(dash + 1) };
}
