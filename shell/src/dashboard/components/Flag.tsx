/**
 * A country's flag as regional-indicator emoji, where the platform draws them in colour; a small
 * code badge where it does not (Windows, systems without an emoji font). No image data shipped.
 */
import { countryFlag } from '../dimensions.ts';

let supported: boolean | undefined;

/** Draws 🇺🇸 on a canvas and looks for colour: letter fallbacks are drawn in the fill colour. */
export function flagEmojiSupported(): boolean {
  if (supported !== undefined) return supported;
  supported = false;
  try {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 20;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return supported;
    ctx.fillStyle = '#000';
    ctx.textBaseline = 'top';
    ctx.font = '16px sans-serif';
    ctx.fillText('\u{1F1FA}\u{1F1F8}', 0, 0);
    const data = ctx.getImageData(0, 0, 20, 20).data;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! > 0 && (data[i]! > 40 || data[i + 1]! > 40 || data[i + 2]! > 40)) {
        supported = true;
        break;
      }
    }
  } catch {
    supported = false;
  }
  return supported;
}

export function Flag({ code }: { code: string }) {
  if (!/^[A-Z]{2}$/.test(code)) return null;
  if (flagEmojiSupported()) {
    return (
      <span aria-hidden="true" className="shrink-0 text-base leading-none">
        {countryFlag(code)}
      </span>
    );
  }
  return (
    <span aria-hidden="true" className="inline-flex h-4 w-6 shrink-0 items-center justify-center rounded-[3px] bg-slate-200 text-[9px] font-bold tracking-wide text-slate-600 dark:bg-slate-700 dark:text-slate-200">
      {code}
    </span>
  );
}
