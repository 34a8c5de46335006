/** Administration → Settings — to be built (issue 13). */
export function SettingsTab(_props: Record<string, never>) {
  return <p className="muted">Not built yet.</p>;
}
