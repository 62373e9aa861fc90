// Outbound link clicks and file downloads (left click and middle click). The request is
// sent with fetch keepalive, so navigation is never delayed.
import type { Track } from '../types.ts';
import { findTagged } from './tagged.ts';

export const DEFAULT_FILE_TYPES =
  'pdf,xlsx,docx,txt,rtf,csv,exe,key,pps,ppt,pptx,7z,pkg,rar,gz,zip,avi,mov,mp4,mpeg,wmv,midi,mp3,wav,wma,dmg'.split(',');

export function links(
  track: Track,
  outbound: boolean | undefined,
  fileTypes: string[] | undefined,
  tagged: boolean | undefined,
): void {
  const click = (e: Event) => {
    if (e.type == 'auxclick' && (e as MouseEvent).button != 1) return;
    // A tagged link is reported once, as its tagged event.
    if (tagged && findTagged(e.target)) return;
    // No host: no link, no href, an SVG link, or mailto:/tel:/javascript: - nothing to track.
    const a = (e.target as Element).closest?.('a');
    if (!a?.host) return;
    const url = a.href.split(/[?#]/)[0]!;
    if (outbound && a.host != location.host) track('Outbound Link: Click', { props: { url: a.href } });
    else if (fileTypes && fileTypes.includes(url.split('.').pop()!.toLowerCase())) track('File Download', { props: { url } });
  };
  document.addEventListener('click', click);
  document.addEventListener('auxclick', click);
}
