/** The iframe code that embeds a shared link's dashboard (as Plausible's embed works). */

export type EmbedTheme = 'system' | 'light' | 'dark';

/** `linkUrl` is the shared link (`…/share/<domain>?auth=<slug>`); the result is HTML text to copy. */
export function embedCode(linkUrl: string, theme: EmbedTheme): string {
  const url = new URL(linkUrl);
  url.searchParams.set('embed', 'true');
  url.searchParams.set('theme', theme);
  const src = url.href.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  return [
    `<iframe src="${src}" title="Web analytics dashboard" loading="lazy" style="width: 1px; min-width: 100%; height: 1600px; border: 0;"></iframe>`,
    `<div style="font-size: 14px; padding-bottom: 14px;">Stats by <a target="_blank" rel="noopener" style="color: #4f46e5; text-decoration: underline;" href="${url.origin}">Qusto Analytics</a></div>`,
  ].join('\n');
}
