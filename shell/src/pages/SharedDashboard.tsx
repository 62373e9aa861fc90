/** A shared link's read-only dashboard (and the embed view), with the password step. */
export default function SharedDashboard({ domain }: { domain: string }) {
  return (
    <div className="mx-auto max-w-3xl px-4 py-16 text-center text-sm text-slate-600 sm:px-6 dark:text-slate-400">Coming soon ({domain}).</div>
  );
}
