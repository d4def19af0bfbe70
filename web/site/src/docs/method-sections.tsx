/** The methods of one API (or the extensions), by family as the spec groups them. */
import type { ComponentChildren } from 'preact';
import { MethodEntry } from './method-entry';
import { groupBy, type MethodDoc } from './model';

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

interface Props {
  id: string;
  title: string;
  methods: MethodDoc[];
  children: ComponentChildren;
}

export function MethodSection({ id, title, methods, children }: Props) {
  const families = groupBy(methods, (method) => method.family);
  return (
    <section aria-labelledby={id} data-method-group>
      <h2 id={id}>{title}</h2>
      {children}
      {families.map(([family, members]) => (
        <section aria-labelledby={`${id}-${slug(family)}`} data-method-group>
          {families.length > 1 && <h3 id={`${id}-${slug(family)}`}>{family}</h3>}
          {members.map((method) => <MethodEntry method={method} />)}
        </section>
      ))}
    </section>
  );
}

/** "40 methods, all implemented in this build" — or which are not. */
export function StatusLine({ methods }: { methods: MethodDoc[] }) {
  const missing = methods.filter((method) => method.status !== 'implemented');
  return (
    <p class="status-line">
      {methods.length} methods, {missing.length === 0 ? 'all implemented in this build' : `${methods.length - missing.length} implemented in this build; not yet: ${missing.map((m) => m.action).join(', ')}`}.
    </p>
  );
}
