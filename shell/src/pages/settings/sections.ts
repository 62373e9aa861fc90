/** The settings sections: core's (fixed ids) and one per plugin contributing to `site.settings`. */
import type { SlotEntry } from '../../plugins/types.ts';

export interface SettingsSection {
  /** The URL segment: `/<domain>/settings/<id>`. */
  id: string;
  label: string;
  /** Set for a plugin's section: the plugin whose `site.settings` module renders it. */
  plugin?: string;
}

export const CORE_SECTIONS: readonly SettingsSection[] = [
  { id: 'general', label: 'General' },
  { id: 'visibility', label: 'Visibility' },
  { id: 'people', label: 'People' },
  { id: 'shields', label: 'Shields' },
  { id: 'properties', label: 'Custom properties' },
  { id: 'api-keys', label: 'API keys' },
  { id: 'danger-zone', label: 'Danger zone' },
];

export const DEFAULT_SECTION = 'general';
const RESERVED = new Set(CORE_SECTIONS.map((section) => section.id));
const SECTION_ID = /^[a-z][a-z0-9-]{0,63}$/;

/** `goals` -> `Goals`, `ab-tests` -> `Ab tests`. */
export function pluginLabel(name: string): string {
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * All sections in nav order: core's, then plugins' (before the danger zone, which stays last).
 * A plugin whose name is a core id, or not a valid URL segment, gets no section: core wins.
 */
export function settingsSections(pluginEntries: readonly SlotEntry[]): SettingsSection[] {
  const seen = new Set<string>();
  const plugins: SettingsSection[] = [];
  for (const entry of pluginEntries) {
    if (RESERVED.has(entry.plugin) || !SECTION_ID.test(entry.plugin) || seen.has(entry.plugin)) continue;
    seen.add(entry.plugin);
    plugins.push({ id: entry.plugin, label: pluginLabel(entry.plugin), plugin: entry.plugin });
  }
  const core = CORE_SECTIONS.filter((section) => section.id !== 'danger-zone');
  return [...core, ...plugins, CORE_SECTIONS.find((section) => section.id === 'danger-zone')!];
}

/** The section the URL asks for; null when it names none (a plugin that is not installed). */
export function findSection(sections: readonly SettingsSection[], id: string | null): SettingsSection | null {
  return sections.find((section) => section.id === (id ?? DEFAULT_SECTION)) ?? null;
}
