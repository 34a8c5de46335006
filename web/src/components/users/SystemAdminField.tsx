/** The system-administrator flag; offered only to system administrators, as only they may set it (grant boundary). */
export function SystemAdminField({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      System administrator (sees and changes everything)
    </label>
  );
}
