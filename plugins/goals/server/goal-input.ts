/** Validation of goal definitions, with Plausible's rules and messages. */

export interface GoalInput {
  event_name?: string | null;
  page_path?: string | null;
  scroll_threshold?: number | null;
  custom_props?: Record<string, string> | null;
  currency?: string | null;
  display_name?: string | null;
}

export interface GoalDefinition {
  eventName: string | null;
  pagePath: string | null;
  scrollThreshold: number;
  customProps: Record<string, string>;
  currency: string | null;
  displayName: string;
}

export class GoalValidationError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'GoalValidationError';
  }
}

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const MAX_PROPS = 3;

/** The goals Plausible users know, one click away in settings. */
export const SYSTEM_GOALS = ['Outbound Link: Click', 'File Download', '404', 'Form: Submission'] as const;

function text(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new GoalValidationError(field, 'must be a string');
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Checks a goal and fills its defaults (display name `Visit /path`, no scroll threshold). */
export function parseGoalInput(input: GoalInput): GoalDefinition {
  const eventName = text(input.event_name, 'event_name');
  const pagePath = text(input.page_path, 'page_path');
  if (!eventName && !pagePath) throw new GoalValidationError('goal', 'give either event_name or page_path');
  if (eventName && pagePath) throw new GoalValidationError('goal', 'give either event_name or page_path, not both');

  if (eventName) {
    if (eventName.length > 120) throw new GoalValidationError('event_name', 'should be at most 120 characters');
    if (eventName === 'engagement' || eventName === 'pageview') {
      throw new GoalValidationError('event_name', `"${eventName}" is reserved; use a pageview goal (page_path) instead`);
    }
  }
  if (pagePath) {
    if (!pagePath.startsWith('/')) throw new GoalValidationError('page_path', 'must start with /');
    if (pagePath.length > 2000) throw new GoalValidationError('page_path', 'should be at most 2000 characters');
  }

  const threshold = input.scroll_threshold ?? -1;
  if (!Number.isInteger(threshold) || threshold < -1 || threshold > 100) {
    throw new GoalValidationError('scroll_threshold', 'must be a whole number from 0 to 100');
  }
  if (threshold >= 0 && !pagePath) throw new GoalValidationError('scroll_threshold', 'only goes with a page_path goal');

  const customProps = input.custom_props ?? {};
  if (typeof customProps !== 'object' || Array.isArray(customProps)) throw new GoalValidationError('custom_props', 'must be an object');
  const propEntries = Object.entries(customProps);
  if (propEntries.length > 0 && !eventName) throw new GoalValidationError('custom_props', 'only go with an event_name goal');
  if (propEntries.length > MAX_PROPS) throw new GoalValidationError('custom_props', `at most ${MAX_PROPS} properties`);
  for (const [key, value] of propEntries) {
    if (typeof value !== 'string' || !key.trim() || !value.trim()) {
      throw new GoalValidationError('custom_props', 'keys and values must be non-empty strings');
    }
  }

  const currency = text(input.currency, 'currency')?.toUpperCase() ?? null;
  if (currency && !eventName) throw new GoalValidationError('currency', 'revenue goals are custom event goals');
  if (currency && !CURRENCIES.has(currency)) throw new GoalValidationError('currency', `"${currency}" is not an ISO 4217 currency code`);

  const displayName =
    text(input.display_name, 'display_name') ??
    (pagePath ? (threshold >= 0 ? `Scroll ${threshold}% on ${pagePath}` : `Visit ${pagePath}`) : eventName!);
  if (displayName.length > 120) throw new GoalValidationError('display_name', 'should be at most 120 characters');

  return { eventName, pagePath, scrollThreshold: threshold, customProps: Object.fromEntries(propEntries), currency, displayName };
}
