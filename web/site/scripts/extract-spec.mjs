/**
 * Extracts, once, what the API docs at /docs/ show from the team's API spec
 * (the LiveChat v3.4 docs restated; see its README): each method's notes
 * (the prose, parameter tables and code under its heading, or its row where
 * the spec lists several methods in one table), the required scopes
 * (README §3.6), and the push and webhook payload tables. The result,
 * web/site/src/docs/spec-notes.json, is committed: CI clones only this
 * repository, so the build never reads the spec.
 *
 *   node web/site/scripts/extract-spec.mjs [/work/shared/spec]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const specDir = process.argv[2] ?? '/work/shared/spec';
const OUT = fileURLToPath(new URL('../src/docs/spec-notes.json', import.meta.url));
const API_FILES = { agent: 'agent-chat-api.md', customer: 'customer-chat-api.md', configuration: 'configuration-api.md' };

const read = (file) => readFileSync(join(specDir, file), 'utf8').split('\n');
const cells = (line) => line.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).map((cell) => cell.trim());
const isTableLine = (line) => line.trim().startsWith('|');
const isRule = (line) => /^\|[\s|:-]+\|$/.test(line.trim());
/** The names in a cell such as "`update_chat_properties` (both)" or "`chat_properties_updated` / `_deleted`". */
function namesIn(cell) {
  const names = [...cell.matchAll(/`([a-z_]+)`/g)].map((match) => match[1]);
  return names.map((name, i) => (name.startsWith('_') && i > 0 ? names[0].replace(/_[a-z]+$/, name) : name));
}

/** Markdown lines → blocks: paragraphs (inline markdown kept), tables, code, lists. */
function toBlocks(lines) {
  const blocks = [];
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    if (!line.trim() || line.trim() === '---') {
      i++;
    } else if (line.startsWith('```')) {
      const end = lines.indexOf('```', i + 1);
      blocks.push({ code: lines.slice(i + 1, end).join('\n') });
      i = end + 1;
    } else if (isTableLine(line)) {
      const rows = [];
      while (i < lines.length && isTableLine(lines[i])) rows.push(lines[i++]);
      blocks.push({ table: { head: cells(rows[0]), rows: rows.slice(1).filter((row) => !isRule(row)).map(cells) } });
    } else if (/^\s*\* /.test(line)) {
      const items = [];
      while (i < lines.length && lines[i].trim() && !isTableLine(lines[i])) {
        if (/^\s*\* /.test(lines[i])) items.push(lines[i].replace(/^\s*\* /, ''));
        else items[items.length - 1] += ` ${lines[i].trim()}`;
        i++;
      }
      blocks.push({ list: items });
    } else {
      const text = [];
      while (i < lines.length && lines[i].trim() && !isTableLine(lines[i]) && !lines[i].startsWith('```') && !/^\s*\* /.test(lines[i])) {
        text.push(lines[i++].trim());
      }
      blocks.push({ p: text.join(' ') });
    }
  }
  return blocks;
}

/** Splits a file into its `##` sections, each into the `###` subsections it holds. */
function sections(lines) {
  const result = [];
  for (const line of lines) {
    if (line.startsWith('## ')) result.push({ title: line.slice(3).replace(/^\d+\.\s*/, ''), intro: [], subsections: [] });
    else if (line.startsWith('### ') && result.length) result.at(-1).subsections.push({ title: line.slice(4), lines: [] });
    else if (result.length) (result.at(-1).subsections.at(-1)?.lines ?? result.at(-1).intro).push(line);
  }
  return result;
}

const methods = {};
const pushes = {};
for (const [api, file] of Object.entries(API_FILES)) {
  for (const section of sections(read(file))) {
    if (/pushes/i.test(section.title)) {
      pushes[api] = [section.intro, ...section.subsections.map((sub) => sub.lines)].flatMap((lines) => pushRows(toBlocks(lines)));
      continue;
    }
    for (const sub of section.subsections) {
      const [name] = namesIn(sub.title.split(' ')[0]);
      if (name) methods[`${api}/${name}`] = { family: section.title, blocks: toBlocks(sub.lines) };
    }
    // Methods the spec lists as rows of one table (properties, tags): the row, then the section's shared notes.
    const introBlocks = toBlocks(section.intro);
    const tables = introBlocks.filter((block) => block.table && /^action$/i.test(block.table.head[0]));
    const shared = introBlocks.filter((block) => !block.table);
    for (const { table } of tables) {
      for (const row of table.rows) {
        for (const name of namesIn(row[0])) {
          const p = table.head.slice(1).map((heading, i) => `**${heading}:** ${row[i + 1]}`).join(' · ');
          methods[`${api}/${name}`] ??= { family: section.title, blocks: [{ p }, ...shared] };
        }
      }
    }
  }
}

function pushRows(blocks) {
  return blocks
    .filter((block) => block.table && /^push$/i.test(block.table.head[0]))
    .flatMap(({ table }) => table.rows.flatMap((row) => namesIn(row[0]).map((name) => ({ name, payload: row[1] }))));
}

/** README §3.6: the "| `a`, `b` | scopes |" rows of its two tables. */
const scopes = {};
let scopeApi;
for (const line of read('README.md')) {
  const match = /^\| (Agent Chat|Configuration) API method/.exec(line);
  if (match) scopeApi = match[1] === 'Agent Chat' ? 'agent' : 'configuration';
  else if (scopeApi && isTableLine(line) && !isRule(line)) {
    const [names, value] = cells(line);
    // The six chat/thread/event property methods share a row that names none of them.
    const named = names.includes('all six') ? ['chat', 'thread', 'event'].flatMap((kind) => [`update_${kind}_properties`, `delete_${kind}_properties`]) : [];
    for (const name of [...namesIn(names), ...named]) scopes[`${scopeApi}/${name}`] = value;
  } else if (!isTableLine(line)) scopeApi = undefined;
}

const webhooks = {};
for (const block of toBlocks(read('webhooks.md'))) {
  if (!block.table || block.table.head.join() !== 'Action,Filters,Payload') continue;
  for (const row of block.table.rows) for (const name of namesIn(row[0])) webhooks[name] = row[2];
}

const notes = {
  source: 'Extracted by web/site/scripts/extract-spec.mjs from the team API spec (the LiveChat Messaging API v3.4 documentation, restated); do not edit by hand.',
  methods,
  scopes,
  pushes,
  webhooks,
};
writeFileSync(OUT, `${JSON.stringify(notes, null, 2)}\n`);
console.log(`${Object.keys(methods).length} methods, ${Object.keys(scopes).length} scope rows, ${Object.values(pushes).flat().length} pushes, ${Object.keys(webhooks).length} webhooks → ${OUT}`);
