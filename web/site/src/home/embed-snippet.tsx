/** The `<script>` tag any web page includes to get the Chat Widget (web/widget/src/embed.ts reads it). */
export function embedSnippet(organizationId: string, origin: string = location.origin): string {
  return `<script src="${origin}/widget/embed.js" data-organization-id="${organizationId}" async></script>`;
}

/** The snippet, selectable, with a copy button and the demo page that embeds it. */
export function EmbedSnippet({ organizationId }: { organizationId: string }) {
  const snippet = embedSnippet(organizationId);
  const copy = () => void navigator.clipboard?.writeText(snippet);
  return (
    <section aria-labelledby="embed-title" class="card">
      <h2 id="embed-title">Put the chat widget on your site</h2>
      <p>Add this tag to any page, before <code>&lt;/body&gt;</code>:</p>
      <label for="embed-code">Embed code</label>
      <textarea id="embed-code" readOnly rows={3} value={snippet} onFocus={(e) => e.currentTarget.select()} />
      <p>
        <button type="button" class="secondary" onClick={copy}>
          Copy embed code
        </button>{' '}
        <a href={`/demo/?organization_id=${encodeURIComponent(organizationId)}`}>See it on the demo page</a>
      </p>
    </section>
  );
}
