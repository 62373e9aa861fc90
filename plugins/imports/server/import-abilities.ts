import type { AbilityRule, AbilityRulesPayload } from '@qusto/sdk';

const subjectsOf = (rule: AbilityRule) => [rule.subject].flat();

/**
 * Imports follow the site's own permissions: whoever may see a site (viewers too) may list its
 * imports; whoever may change its settings (editors and up) may import and delete. Shared links
 * only read stats, so they see no imports. Added through core's `auth:abilities` hook.
 */
export function addImportAbilities({ user, rules }: AbilityRulesPayload): AbilityRulesPayload {
  const derived: AbilityRule[] = [];
  for (const rule of rules) {
    if (rule.inverted) continue;
    const subjects = subjectsOf(rule);
    const actions = [rule.action].flat();
    if (subjects.includes('Site') && (actions.includes('read') || actions.includes('manage'))) derived.push({ ...rule, subject: 'SiteImport', action: 'read' });
    if (subjects.includes('SiteSettings') && (actions.includes('update') || actions.includes('manage'))) {
      derived.push({ ...rule, subject: 'SiteImport', action: 'manage' });
    }
  }
  return { user, rules: [...rules, ...derived] };
}
