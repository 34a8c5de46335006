/** A project's permission scheme — to be built (issue 13). */
export function ProjectPermissionsTab(_props: { projectKey: string }) {
  return <p className="muted">Not built yet.</p>;
}
