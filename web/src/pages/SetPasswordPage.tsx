/** Setting a password from a one-time link — to be built (issue 13). */
export function SetPasswordPage(_props: { token: string }) {
  return <p className="muted">Not built yet.</p>;
}
