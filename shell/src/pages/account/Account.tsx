/** The account pages: profile, password, two-factor set-up, sign-in sessions, API keys. */
export default function Account({ section }: { section: string | null }) {
  return (
    <div className="mx-auto max-w-3xl px-4 py-16 text-center text-sm text-slate-600 sm:px-6 dark:text-slate-400">Coming soon ({section ?? "profile"}).</div>
  );
}
