/** A project's details and settings — to be built (issue 13). */
export function ProjectSettingsTab(_props: { projectKey: string }) {
  return <p className="muted">Not built yet.</p>;
}
