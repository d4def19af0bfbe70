import { AutoAccess, AutoAccessLocation, AutoAccessMatch, AutoAccessMatchCondition } from './auto-access';

/** Where the customer is: the page they are on and, when known, where they are in the world. */
export interface CustomerWhereabouts {
  url: string;
  geolocation?: AutoAccessLocation;
}

/** `exact_match`: the whole value; otherwise (the default) a substring, as LiveChat's rules match. */
const matchesOne = (subject: string, match: AutoAccessMatch): boolean =>
  match.exact_match ? subject === match.value : subject.includes(match.value);

function satisfies(condition: AutoAccessMatchCondition | undefined, subject: string | undefined): boolean {
  if (!condition) return true;
  if (subject === undefined) return false;
  if ('values' in condition) return condition.values.some((m) => matchesOne(subject, m));
  return !condition.exclude_values.some((m) => matchesOne(subject, m));
}

/** An entry matches when each field it gives equals the customer's (case-insensitively); any entry will do. */
function withinLocations(condition: { values: AutoAccessLocation[] } | undefined, where: AutoAccessLocation | undefined): boolean {
  if (!condition) return true;
  if (!where) return false;
  const same = (a: string | undefined, b: string | undefined) => a === undefined || a.toLowerCase() === (b ?? '').toLowerCase();
  return condition.values.some((entry) => (['country', 'country_code', 'region', 'city'] as const).every((key) => same(entry[key], where[key])));
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The first rule, in list order, whose every given condition holds for the
 * customer (configuration-api.md §2): `url` against the page's URL, `domain`
 * against its host name, `geolocation` against the customer's location — a
 * rule naming a location never matches a customer whose location is unknown.
 */
export function firstMatchingAutoAccess(rules: readonly AutoAccess[], where: CustomerWhereabouts): AutoAccess | undefined {
  const host = hostOf(where.url);
  return rules.find(
    (rule) =>
      satisfies(rule.conditions.url, where.url) &&
      satisfies(rule.conditions.domain, host) &&
      withinLocations(rule.conditions.geolocation, where.geolocation),
  );
}
