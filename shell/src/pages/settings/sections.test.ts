import { packRules } from '@casl/ability/extra';
import { describe, expect, it } from 'vitest';
import { findSection, pluginLabel, settingsSections } from './sections.ts';
import { abilityFromPacked, sitePermissions } from './site-permissions.ts';

const entry = (plugin: string) => ({ plugin, version: '1.0.0', remote: plugin, module: './Settings' });

describe('settings sections', () => {
  it('lists core sections, then one per plugin (capitalised), with the danger zone last', () => {
    const ids = settingsSections([entry('goals'), entry('ab-tests')]).map((s) => `${s.id}:${s.label}`);
    expect(ids).toEqual([
      'general:General',
      'visibility:Visibility',
      'people:People',
      'shields:Shields',
      'properties:Custom properties',
      'api-keys:API keys',
      'goals:Goals',
      'ab-tests:Ab tests',
      'danger-zone:Danger zone',
    ]);
  });

  it('never lets a plugin take a core section id or an invalid URL segment', () => {
    const sections = settingsSections([entry('general'), entry('Bad Name'), entry('goals'), entry('goals')]);
    expect(sections.filter((s) => s.plugin).map((s) => s.id)).toEqual(['goals']);
    expect(findSection(sections, 'general')?.plugin).toBeUndefined();
  });

  it('finds the section of the URL, general by default, null for an unknown one', () => {
    const sections = settingsSections([entry('goals')]);
    expect(findSection(sections, null)?.id).toBe('general');
    expect(findSection(sections, 'goals')).toMatchObject({ label: 'Goals', plugin: 'goals' });
    expect(findSection(sections, 'funnels')).toBeNull();
    expect(pluginLabel('custom_reports')).toBe('Custom reports');
  });
});

describe('site permissions from packed rules', () => {
  const site = { id: '7', teamId: '3' };
  const permissionsOf = (rules: object[]) => sitePermissions(abilityFromPacked(packRules(rules as never)), site);

  it('gives an owner everything on the team’s sites', () => {
    const owner = permissionsOf([{ action: 'manage', subject: ['Team', 'Member', 'Site', 'SiteSettings', 'SharedLink', 'Guest'], conditions: { teamId: '3' } }]);
    expect(Object.values(owner).every(Boolean)).toBe(true);
  });

  it('lets an editor change settings and links but not the domain, guests or the site itself', () => {
    const editor = permissionsOf([
      { action: 'read', subject: ['Team', 'Member', 'Site', 'Stats'], conditions: { teamId: '3' } },
      { action: ['read', 'update'], subject: 'SiteSettings', conditions: { teamId: '3' } },
      { action: 'manage', subject: 'SharedLink', conditions: { teamId: '3' } },
    ]);
    expect(editor).toMatchObject({ updateSettings: true, manageSharedLinks: true, readMembers: true, changeDomain: false, deleteSite: false, readGuests: false, manageMembers: false });
  });

  it('gives a guest viewer nothing to change, and rules of another site or team count for nothing', () => {
    const viewer = permissionsOf([
      { action: 'read', subject: ['Site', 'Stats'], conditions: { siteId: '7' } },
      { action: 'manage', subject: ['Site', 'SiteSettings'], conditions: { siteId: '8' } },
      { action: 'manage', subject: ['Member'], conditions: { teamId: '4' } },
    ]);
    expect(Object.values(viewer).some(Boolean)).toBe(false);
    expect(sitePermissions(abilityFromPacked('not rules'), site).readSettings).toBe(false);
  });
});
