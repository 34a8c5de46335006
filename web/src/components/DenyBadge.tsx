/** Marks a denial, so no one reads a deny row as a grant (DENY-3). */
export function DenyBadge() {
  return <span className="badge deny">DENY</span>;
}
