/** A code sample. */
export function Code({ children }: { children: string }) {
  return <pre><code>{children}</code></pre>;
}
