import { useState } from 'react';
import { ApiError } from '../../api.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { FormButtons } from '../FormButtons.js';
import { TextField } from '../TextField.js';

interface Props {
  title: string;
  /** What happens, in a sentence or two. */
  intro: string;
  label: string;
  /** A rejection must say why (FLOW-2); other decisions may. */
  required: boolean;
  /** The words the owner reads when they leave it empty. */
  requiredMessage?: string;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (comment: string) => Promise<void>;
  onCancel: () => void;
}

/**
 * A decision with a comment: reject (comment required), grant or refuse a recall, reopen. An empty required comment
 * is refused before anything is sent, in the same place the server's refusal of the field would show (API-5).
 */
export function CommentDialog(props: Props) {
  const { title, intro, label, required, requiredMessage, submitLabel, busyLabel, onSubmit, onCancel } = props;
  const [comment, setComment] = useState('');
  const { busy, fields, submit } = useFormSubmit(['comment'], async () => {
    const text = comment.trim();
    if (required && text === '') {
      throw new ApiError(400, 'comment_required', requiredMessage ?? 'Write a comment.', 'comment');
    }
    await onSubmit(text);
  });

  return (
    <Dialog title={title} onClose={onCancel}>
      <form className="form" onSubmit={submit} noValidate>
        <p>{intro}</p>
        <TextField
          label={required ? label : `${label} (optional)`}
          rows={4}
          value={comment}
          onChange={setComment}
          required={required}
          errors={fields}
          field="comment"
          autoFocus
        />
        <ErrorMessage error={fields.rest} />
        <FormButtons onCancel={onCancel} label={submitLabel} busyLabel={busyLabel} busy={busy} />
      </form>
    </Dialog>
  );
}
