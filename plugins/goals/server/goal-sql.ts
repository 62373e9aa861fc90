import type { Goal } from './goal-repository.ts';

/** Binds a value as a ClickHouse query parameter and returns its placeholder. */
export type Bind = (value: unknown, type: string) => string;

/** `*` and `**` match any characters (as in Plausible); everything else literally, anchored. */
export function pagePathRegex(pattern: string): string {
  return `^${pattern
    .split(/\*+/)
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')}$`;
}

function pageMatch(goal: Goal, bind: Bind): string {
  const path = goal.page_path!;
  return path.includes('*') ? `match(pathname, ${bind(pagePathRegex(path), 'String')})` : `pathname = ${bind(path, 'String')}`;
}

/**
 * The condition an `events` row meets when it converts on `goal` (Plausible's goal matching):
 * a custom event with the goal's name and properties, a pageview of the goal's page, or an
 * engagement on the page that scrolled at least the threshold.
 */
export function goalCondition(goal: Goal, bind: Bind): string {
  if (goal.event_name) {
    const parts = [`name = ${bind(goal.event_name, 'String')}`];
    for (const [key, value] of Object.entries(goal.custom_props ?? {})) {
      const k = bind(key, 'String');
      parts.push(`has(meta.key, ${k}) AND meta.value[indexOf(meta.key, ${k})] = ${bind(value, 'String')}`);
    }
    return `(${parts.join(' AND ')})`;
  }
  if (goal.scroll_threshold >= 0) {
    return `(name = 'engagement' AND ${pageMatch(goal, bind)} AND scroll_depth BETWEEN ${bind(goal.scroll_threshold, 'UInt8')} AND 100)`;
  }
  return `(name = 'pageview' AND ${pageMatch(goal, bind)})`;
}
