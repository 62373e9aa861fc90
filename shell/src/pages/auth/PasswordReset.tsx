/** Forgot password (no token: ask for the email) and reset password (the mailed link's token). */
export default function PasswordReset() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-16 text-center text-sm text-slate-600 sm:px-6 dark:text-slate-400">Coming soon.</div>
  );
}
