import type { Preview } from '../../../../src/contracts.js';
import { ConfirmChange } from '../ConfirmChange.js';
import { Dialog } from '../Dialog.js';
import { leavesNoAdministrator } from './labels.js';

interface Props {
  title: string;
  what: string;
  confirmLabel: string;
  loadPreview: () => Promise<Preview>;
  /** `confirmLockout`: the user acknowledged that nobody will administer the project afterwards. */
  apply: (confirmLockout: boolean) => Promise<void>;
  onDone: () => void;
  onClose: () => void;
}

/**
 * Revoking a grant or removing a role member: whose access changes first (EXPL-3), and when that leaves nobody
 * administering the project, the warning and a box to tick before the change can be confirmed.
 */
export function RemoveLinkDialog({ title, what, confirmLabel, loadPreview, apply, onDone, onClose }: Props) {
  return (
    <Dialog title={title} onClose={onClose} wide>
      <div className="scheme-dialog">
        <ConfirmChange
          title={what}
          confirmLabel={confirmLabel}
          loadPreview={loadPreview}
          apply={apply}
          acknowledge={leavesNoAdministrator}
          onDone={onDone}
          onCancel={onClose}
        />
      </div>
    </Dialog>
  );
}
