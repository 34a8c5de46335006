import { useState } from 'react';
import type { ApprovalSlice } from '../../../../src/contracts.js';
import { approvalsApi, type SliceDecision } from '../../api/approvals.js';
import { useAction } from '../../useAction.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { CommentDialog } from './CommentDialog.js';

interface Props {
  slice: ApprovalSlice;
  /** After a decision: what was done, in words, for the status line. */
  onDone: (message: string) => void;
}

type Commented = Exclude<SliceDecision, 'approve'>;

/** The dialogs of the decisions that take a comment. */
const DIALOGS: Record<Commented, { title: string; intro: string; label: string; submit: string; busy: string }> = {
  reject: {
    title: 'Reject timesheet',
    intro: 'The owner gets the timesheet back to correct it, with your comment, and submits it again.',
    label: 'Why is it rejected?',
    submit: 'Reject',
    busy: 'Rejecting…',
  },
  'grant-recall': {
    title: 'Grant recall',
    intro: 'The timesheet opens again, so its owner can change it and submit it again.',
    label: 'Comment',
    submit: 'Grant recall',
    busy: 'Granting…',
  },
  'refuse-recall': {
    title: 'Refuse recall',
    intro: 'The timesheet stays approved; its owner sees your answer.',
    label: 'Comment',
    submit: 'Refuse recall',
    busy: 'Refusing…',
  },
  reopen: {
    title: 'Reopen timesheet',
    intro: 'The timesheet goes back to open: its owner can change it and must submit it again.',
    label: 'Comment',
    submit: 'Reopen',
    busy: 'Reopening…',
  },
};

const DONE: Record<SliceDecision, string> = {
  approve: 'Approved.',
  reject: 'Rejected. The owner sees your comment in their inbox.',
  'grant-recall': 'Recall granted: the timesheet is open again.',
  'refuse-recall': 'Recall refused: the timesheet stays approved.',
  reopen: 'Reopened.',
};

/** The decisions the server says the caller may make on this slice, and only those (abilities). */
export function SliceActions({ slice, onDone }: Props) {
  const { abilities } = slice;
  const approve = useAction();
  const [open, setOpen] = useState<Commented | null>(null);
  const offered: [Commented, boolean, string][] = [
    ['reject', abilities.reject, 'Reject…'],
    ['grant-recall', abilities.grantRecall, 'Grant recall…'],
    ['refuse-recall', abilities.refuseRecall, 'Refuse recall…'],
    ['reopen', abilities.reopen, 'Reopen…'],
  ];
  if (!abilities.approve && offered.every(([, allowed]) => !allowed)) return null;

  const dialog = open && DIALOGS[open];
  return (
    <div className="slice-actions">
      <div className="form-actions start">
        {abilities.approve && (
          <button
            type="button"
            className="button"
            disabled={approve.busy}
            onClick={() =>
              void approve.run(async () => {
                await approvalsApi.decide(slice, 'approve');
                onDone(DONE.approve);
              })
            }
          >
            {approve.busy ? 'Approving…' : 'Approve'}
          </button>
        )}
        {offered.map(
          ([decision, allowed, label]) =>
            allowed && (
              <button key={decision} type="button" className="button secondary" onClick={() => setOpen(decision)}>
                {label}
              </button>
            ),
        )}
      </div>
      <ErrorMessage error={approve.error} />
      {open && dialog && (
        <CommentDialog
          title={dialog.title}
          intro={dialog.intro}
          label={dialog.label}
          required={open === 'reject'}
          requiredMessage="Write why you reject it: the owner reads it to know what to correct."
          submitLabel={dialog.submit}
          busyLabel={dialog.busy}
          onSubmit={async (comment) => {
            await approvalsApi.decide(slice, open, comment);
            setOpen(null);
            onDone(DONE[open]);
          }}
          onCancel={() => setOpen(null)}
        />
      )}
    </div>
  );
}
