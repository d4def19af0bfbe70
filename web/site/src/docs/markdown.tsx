/** The little markdown the spec's notes use: `code` and **bold** inline; paragraphs, tables, code blocks and lists. */
import type { Block } from './model';

export function Inline({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`|\*\*[^*]+\*\*)/).map((part) => {
        if (part.startsWith('`') && part.endsWith('`') && part.length > 1) return <code>{part.slice(1, -1)}</code>;
        if (part.startsWith('**') && part.endsWith('**') && part.length > 3) return <strong>{part.slice(2, -2)}</strong>;
        return part;
      })}
    </>
  );
}

function NotesBlock({ block }: { block: Block }) {
  if ('p' in block) return <p><Inline text={block.p} /></p>;
  if ('code' in block) return <pre><code>{block.code}</code></pre>;
  if ('list' in block) return <ul>{block.list.map((item) => <li><Inline text={item} /></li>)}</ul>;
  return (
    <div class="table-scroll">
      <table>
        <thead><tr>{block.table.head.map((cell) => <th scope="col"><Inline text={cell} /></th>)}</tr></thead>
        <tbody>{block.table.rows.map((row) => <tr>{row.map((cell) => <td><Inline text={cell} /></td>)}</tr>)}</tbody>
      </table>
    </div>
  );
}

export function Blocks({ blocks }: { blocks: readonly Block[] }) {
  return <>{blocks.map((block) => <NotesBlock block={block} />)}</>;
}
