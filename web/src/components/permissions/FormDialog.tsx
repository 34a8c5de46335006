import type { ReactNode } from 'react';
import { Dialog } from '../Dialog.js';

/** A dialog holding one form of the permission scheme, with a button that closes it (so does Escape). */
export function FormDialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  return (
    <Dialog title={title} onClose={onClose} wide>
      <div className="scheme-dialog">
        {children}
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}
