/** Administration → Users — to be built (issue 13). */
export function UsersTab(_props: Record<string, never>) {
  return <p className="muted">Not built yet.</p>;
}
