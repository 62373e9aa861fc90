import { useState } from 'react';

/** A code block with a Copy button (the tracking snippet). */
export function Snippet({ code }: { code: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied('idle'), 2000);
  };
  return (
    <div className="overflow-hidden rounded-xl border border-slate-800 bg-slate-900 shadow-sm dark:border-slate-700 dark:bg-slate-900">
      <div className="flex items-center justify-between border-b border-slate-800 px-4 py-2">
        <span className="text-xs font-medium text-slate-400">HTML · paste into &lt;head&gt;</span>
        <button
          type="button"
          onClick={copy}
          className="rounded-md px-2 py-1 text-xs font-medium text-slate-300 transition hover:bg-slate-800 hover:text-white focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Select and copy' : 'Copy'}
        </button>
      </div>
      {/* Wrapped, so the end of the script name (which the feature switches change) stays in view. */}
      <pre className="px-4 py-3 font-mono text-sm leading-6 break-all whitespace-pre-wrap text-slate-100">
        <code>{code}</code>
      </pre>
    </div>
  );
}
