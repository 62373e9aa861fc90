/** A site's settings: general, visibility, people, shields, properties, plugin sections, danger zone. */
export default function SiteSettings({ domain, section }: { domain: string; section: string | null }) {
  return (
    <div className="mx-auto max-w-3xl px-4 py-16 text-center text-sm text-slate-600 sm:px-6 dark:text-slate-400">Coming soon ({domain}, {section ?? "general"}).</div>
  );
}
