import { GoalDefinition, GreetingDefinition, GreetingRule } from './widget-configuration';

/** The page a customer views, as greeting rules and goals see it. */
export interface ViewedPage {
  url: string;
  group_id: number;
  /** Pages viewed in the visit so far, this one included. */
  page_views: number;
}

const inGroup = (definitionGroup: number, groupId: number) => definitionGroup === 0 || definitionGroup === groupId;

export function matchesRule(rule: GreetingRule, page: ViewedPage): boolean {
  if (rule.url_contains !== undefined && !page.url.includes(rule.url_contains)) return false;
  if (rule.url_equals !== undefined && page.url !== rule.url_equals) return false;
  if (rule.min_page_views !== undefined && page.page_views < rule.min_page_views) return false;
  return true;
}

/**
 * The greeting to show for a page view: the first active greeting (by id) of
 * the customer's group whose rule matches and that was not shown in this
 * visit already (`shownInVisit`).
 */
export function greetingFor(greetings: readonly GreetingDefinition[], page: ViewedPage, shownInVisit: ReadonlySet<number>): GreetingDefinition | undefined {
  return greetings.find((g) => g.active && inGroup(g.group_id, page.group_id) && !shownInVisit.has(g.id) && matchesRule(g.rule, page));
}

/** What `check_goals` is asked about. */
export interface GoalCheck {
  page_url: string;
  group_id: number;
  session_fields: ReadonlyArray<Record<string, string>>;
}

/** The goals of the group that the page or a session field reaches (a goal with no condition is never reached). */
export function reachedGoals(goals: readonly GoalDefinition[], check: GoalCheck): GoalDefinition[] {
  return goals.filter((goal) => {
    if (!inGroup(goal.group_id, check.group_id)) return false;
    if (goal.url_contains === undefined && goal.session_field === undefined) return false;
    if (goal.url_contains !== undefined && !check.page_url.includes(goal.url_contains)) return false;
    const field = goal.session_field;
    if (field && !check.session_fields.some((f) => f[field.key] === field.value)) return false;
    return true;
  });
}
