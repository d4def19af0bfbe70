/**
 * Renders a tree of Preact elements to static HTML, at build time. The docs
 * are static text, so the page is prerendered: its components have no state
 * or hooks, and the browser gets HTML plus a small script for the filters
 * instead of a bundle carrying all 137 methods' data.
 */
import { Fragment, type ComponentChild, type FunctionComponent, type VNode } from 'preact';

const VOID_ELEMENTS = new Set(['area', 'br', 'col', 'hr', 'img', 'input', 'link', 'meta', 'source', 'wbr']);
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const ATTRIBUTE_NAMES: Record<string, string> = { className: 'class', htmlFor: 'for' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"]/g, (c) => ENTITIES[c]);

function attributes(props: Record<string, unknown>): string {
  let html = '';
  for (const [name, value] of Object.entries(props)) {
    if (name === 'children' || value === undefined || value === null || value === false) continue;
    if (typeof value === 'function' || typeof value === 'object') throw new Error(`${name}: prerendered elements take only text attributes`);
    const attribute = ATTRIBUTE_NAMES[name] ?? name;
    html += value === true ? ` ${attribute}` : ` ${attribute}="${escapeHtml(String(value))}"`;
  }
  return html;
}

export function renderToHtml(node: ComponentChild): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'bigint') return escapeHtml(String(node));
  if (Array.isArray(node)) return node.map(renderToHtml).join('');
  const { type, props } = node as VNode<Record<string, unknown>>;
  if (type === Fragment) return renderToHtml(props.children as ComponentChild);
  if (typeof type === 'function') return renderToHtml((type as FunctionComponent<Record<string, unknown>>)(props) as ComponentChild);
  const tag = type as string;
  const open = `<${tag}${attributes(props)}>`;
  return VOID_ELEMENTS.has(tag) ? open : `${open}${renderToHtml(props.children as ComponentChild)}</${tag}>`;
}
