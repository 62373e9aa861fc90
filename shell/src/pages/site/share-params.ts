/** A shared link's address: `/share/<domain>?auth=<slug>[&embed=true&theme=…&background=transparent]`. */
import type { ThemePreference } from '../../theme.ts';

export interface ShareParams {
  slug: string | null;
  embed: boolean;
  /** Embeds only: the theme the embedding page asks for (null: the visitor's own). */
  theme: ThemePreference | null;
  transparent: boolean;
}

export function shareParams(search: string): ShareParams {
  const params = new URLSearchParams(search);
  const embed = params.get('embed') === 'true';
  const theme = params.get('theme');
  return {
    slug: params.get('auth') || null,
    embed,
    theme: embed && (theme === 'light' || theme === 'dark' || theme === 'system') ? theme : null,
    transparent: embed && params.get('background') === 'transparent',
  };
}

/** The parameters every view of a shared dashboard keeps, in a stable order. */
export function keptShareParams(params: ShareParams): Array<[string, string]> {
  const kept: Array<[string, string]> = [];
  if (params.slug) kept.push(['auth', params.slug]);
  if (params.embed) kept.push(['embed', 'true']);
  if (params.theme) kept.push(['theme', params.theme]);
  if (params.transparent) kept.push(['background', 'transparent']);
  return kept;
}

/** True on an embedded shared dashboard: the shell drops its top bar and footer. */
export function isEmbedded(pathname: string, search: string): boolean {
  return pathname.startsWith('/share/') && shareParams(search).embed;
}
