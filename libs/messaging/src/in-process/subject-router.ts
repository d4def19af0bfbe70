import { subjectMatches } from './subjects';

interface Route<T> {
  readonly pattern: string;
  readonly group?: string;
  readonly target: T;
}

/**
 * Who gets a message published on a subject: every plain subscriber whose pattern
 * matches, plus one member of each matching queue group. As in NATS, a queue group
 * is identified by pattern and queue name together.
 */
export class SubjectRouter<T> {
  private readonly routes = new Set<Route<T>>();
  /** Round-robin position per queue group; deterministic spreading keeps tests stable. */
  private readonly turns = new Map<string, number>();

  /** Adds a route; the returned function removes it. */
  add(pattern: string, target: T, queue?: string): () => void {
    const route: Route<T> = { pattern, target, group: queue === undefined ? undefined : `${pattern} ${queue}` };
    this.routes.add(route);
    return () => {
      this.routes.delete(route);
      if (route.group !== undefined && ![...this.routes].some((r) => r.group === route.group)) {
        this.turns.delete(route.group);
      }
    };
  }

  targets(subject: string): T[] {
    const chosen: T[] = [];
    const groups = new Map<string, T[]>();
    for (const route of this.routes) {
      if (!subjectMatches(route.pattern, subject)) continue;
      if (route.group === undefined) {
        chosen.push(route.target);
      } else {
        const members = groups.get(route.group) ?? [];
        members.push(route.target);
        groups.set(route.group, members);
      }
    }
    for (const [group, members] of groups) {
      const turn = this.turns.get(group) ?? 0;
      this.turns.set(group, turn + 1);
      chosen.push(members[turn % members.length]);
    }
    return chosen;
  }

  clear(): void {
    this.routes.clear();
    this.turns.clear();
  }
}
