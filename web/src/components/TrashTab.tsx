/** A project's trash — to be built (issue 13). */
export function TrashTab(_props: { projectKey: string }) {
  return <p className="muted">Not built yet.</p>;
}
