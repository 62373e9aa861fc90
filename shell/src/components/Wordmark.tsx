/** Qusto's logo: a mark (rising bars in a rounded square) and the name. */
export function Wordmark({ className = '' }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 ${className}`}>
      <svg viewBox="0 0 32 32" aria-hidden="true" className="size-7 shrink-0">
        <defs>
          <linearGradient id="qusto-mark" x1="0" y1="0" x2="1" y2="1">
            <stop offset="0" stopColor="#6366f1" />
            <stop offset="1" stopColor="#4338ca" />
          </linearGradient>
        </defs>
        <rect width="32" height="32" rx="8" fill="url(#qusto-mark)" />
        <rect x="8" y="17" width="4" height="7" rx="1.5" fill="#fff" opacity="0.7" />
        <rect x="14" y="12" width="4" height="12" rx="1.5" fill="#fff" opacity="0.85" />
        <rect x="20" y="8" width="4" height="16" rx="1.5" fill="#fff" />
      </svg>
      <span className="text-lg font-semibold tracking-tight text-slate-900 dark:text-white">Qusto</span>
    </span>
  );
}
