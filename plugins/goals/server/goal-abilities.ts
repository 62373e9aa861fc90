import type { AbilityRule, AbilityRulesPayload } from '@qusto/sdk';

const subjectsOf = (rule: AbilityRule) => [rule.subject].flat();

/**
 * Goals and funnels follow the site's own permissions: whoever may read a site's stats may
 * read its goals and funnels (viewers too); whoever may change its settings may manage them
 * (editors and up). Added through core's `auth:abilities` hook.
 */
export function addGoalAbilities({ user, principal, rules }: AbilityRulesPayload): AbilityRulesPayload {
  const derived: AbilityRule[] = [];
  for (const rule of rules) {
    if (rule.inverted) continue;
    const subjects = subjectsOf(rule);
    const actions = [rule.action].flat();
    const grants = (subject: string, action: string | string[]) => derived.push({ ...rule, subject, action });
    if (subjects.includes('Stats') && (actions.includes('read') || actions.includes('manage'))) {
      grants('Goal', 'read');
      grants('Funnel', 'read');
    }
    if (subjects.includes('SiteSettings') && (actions.includes('update') || actions.includes('manage'))) {
      grants('Goal', 'manage');
      grants('Funnel', 'manage');
    }
  }
  // The instance admin keeps the exchange rates of revenue goals: a principal core gave
  // `manage Instance` (an admin's dashboard session; not their API keys), or the ADMIN_TOKEN.
  const instanceAdmin = rules.some((r) => !r.inverted && subjectsOf(r).includes('Instance') && [r.action].flat().includes('manage'));
  if (instanceAdmin || principal === 'admin_token') derived.push({ action: 'update', subject: 'CurrencyRate' });
  return { user, principal, rules: [...rules, ...derived] };
}
