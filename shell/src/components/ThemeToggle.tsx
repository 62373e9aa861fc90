/** System / light / dark, remembered in localStorage (see theme.ts). */
import { useSyncExternalStore } from 'react';
import { Menu, MenuItem } from '../dashboard/components/Menu.tsx';
import { iconButtonClass, MonitorIcon, MoonIcon, SunIcon } from '../dashboard/components/ui.tsx';
import { setTheme, storedTheme, subscribeTheme, type ThemePreference } from '../theme.ts';

const OPTIONS: Array<{ value: ThemePreference; label: string; Icon: typeof SunIcon }> = [
  { value: 'system', label: 'System', Icon: MonitorIcon },
  { value: 'light', label: 'Light', Icon: SunIcon },
  { value: 'dark', label: 'Dark', Icon: MoonIcon },
];

export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribeTheme, storedTheme, () => 'system' as const);
  const current = OPTIONS.find((o) => o.value === theme) ?? OPTIONS[0]!;
  return (
    <Menu
      ariaLabel={`Colour theme: ${current.label}`}
      title="Colour theme"
      panelClassName="w-40"
      buttonClassName={iconButtonClass}
      button={<current.Icon className="size-5" />}
    >
      {OPTIONS.map(({ value, label, Icon }) => (
        <MenuItem key={value} checked={theme === value} onSelect={() => setTheme(value)}>
          <span className="inline-flex items-center gap-2">
            <Icon className="size-4 text-slate-400" />
            {label}
          </span>
        </MenuItem>
      ))}
    </Menu>
  );
}
