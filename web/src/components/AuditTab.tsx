/** Administration → Audit log (EXPL-4) — to be built (issue 13). */
export function AuditTab(_props: Record<string, never>) {
  return <p className="muted">Not built yet.</p>;
}
