import type { ReactNode } from 'react';

interface Props {
  onCancel: () => void;
  /** What the submit button says, and says while the form is busy. */
  label: string;
  busyLabel: string;
  busy: boolean;
  /** The form may not be submitted as it stands. */
  disabled?: boolean;
  /** Buttons before Cancel, e.g. a deletion. */
  children?: ReactNode;
}

/** A dialog form's buttons: Cancel, and the submit button saying what it does. */
export function FormButtons({ onCancel, label, busyLabel, busy, disabled = false, children }: Props) {
  return (
    <div className="form-actions">
      {children}
      <button type="button" className="button secondary" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button" disabled={busy || disabled}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}

/** A dialog's last row when it has nothing to submit. */
export function CloseButton({ onClose }: { onClose: () => void }) {
  return (
    <div className="form-actions">
      <button type="button" className="button secondary" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
