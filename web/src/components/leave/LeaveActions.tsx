import { useState } from 'react';
import type { LeaveRequest } from '../../../../src/contracts.js';
import { leaveApi } from '../../api/leave.js';
import { useAction } from '../../useAction.js';
import { CommentDialog } from '../approvals/CommentDialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { RowButton } from '../RowActions.js';
import { leaveDatesText } from './labels.js';

type Commented = 'reject' | 'revoke';

const DIALOGS: Record<Commented, { title: string; intro: string; label: string; submit: string; busy: string }> = {
  reject: {
    title: 'Reject leave',
    intro: 'The request is refused; its owner reads your comment.',
    label: 'Why is it rejected?',
    submit: 'Reject',
    busy: 'Rejecting…',
  },
  revoke: {
    title: 'Revoke approval',
    intro: 'The approval is taken back: the request waits for a decision again, and its owner reads your comment.',
    label: 'Why is the approval revoked?',
    submit: 'Revoke',
    busy: 'Revoking…',
  },
};

interface Props {
  leave: LeaveRequest;
  /** After a decision: what was done, in words, for the status line. */
  onDone: (message: string) => void;
}

/** The decisions the server says the caller may make on this request, and only those (abilities). */
export function LeaveActions({ leave, onDone }: Props) {
  const { abilities } = leave;
  const approve = useAction();
  const [open, setOpen] = useState<Commented | null>(null);
  const what = `the leave of ${leave.user.displayName}, ${leaveDatesText(leave)}`;
  const dialog = open && DIALOGS[open];
  return (
    <td>
      <div className="row-actions">
        {abilities.approve && (
          <RowButton
            disabled={approve.busy}
            onClick={() =>
              void approve.run(async () => {
                await leaveApi.decide(leave, 'approve');
                onDone(`Approved ${what}.`);
              })
            }
          >
            {approve.busy ? 'Approving…' : 'Approve'} <span className="visually-hidden">{what}</span>
          </RowButton>
        )}
        {abilities.reject && (
          <RowButton danger onClick={() => setOpen('reject')}>
            Reject… <span className="visually-hidden">{what}</span>
          </RowButton>
        )}
        {abilities.revoke && (
          <RowButton danger onClick={() => setOpen('revoke')}>
            Revoke… <span className="visually-hidden">{what}</span>
          </RowButton>
        )}
      </div>
      <ErrorMessage error={approve.error} />
      {open && dialog && (
        <CommentDialog
          title={dialog.title}
          intro={dialog.intro}
          label={dialog.label}
          required
          requiredMessage="Say why: the owner reads it."
          submitLabel={dialog.submit}
          busyLabel={dialog.busy}
          onSubmit={async (comment) => {
            await leaveApi.decide(leave, open, comment);
            setOpen(null);
            onDone(`${open === 'reject' ? 'Rejected' : 'Revoked the approval of'} ${what}.`);
          }}
          onCancel={() => setOpen(null)}
        />
      )}
    </td>
  );
}
