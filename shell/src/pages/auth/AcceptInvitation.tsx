/** What an invitation link opens: who invites to what, then accept (signing in or registering first). */
export default function AcceptInvitation({ token }: { token: string }) {
  return (
    <div className="mx-auto max-w-3xl px-4 py-16 text-center text-sm text-slate-600 sm:px-6 dark:text-slate-400">Coming soon ({token}).</div>
  );
}
