import { useState } from 'react';
import { api } from '../api.js';
import { formatDateTime } from '../dates.js';
import { useCursorList } from '../useCursorList.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { ErrorMessage } from './ErrorMessage.js';
import { PagedList } from './PagedList.js';
import { TextField } from './TextField.js';

interface Props {
  itemKey: string;
  canComment: boolean;
}

export function CommentsTab({ itemKey, canComment }: Props) {
  const list = useCursorList((cursor) => api.listComments(itemKey, cursor), [itemKey]);
  const [body, setBody] = useState('');

  const { busy, fields, submit } = useFormSubmit(['body'], async () => {
    await api.addComment(itemKey, body.trim());
    setBody('');
    list.reload();
  });

  return (
    <>
      <PagedList list={list} empty="No comments yet.">
        {(comments) => (
          <ul className="comments">
            {comments.map((comment) => (
              <li key={comment.id} className="comment">
                <div className="comment-meta">
                  <strong>{comment.author.displayName}</strong>{' '}
                  <time dateTime={comment.createdAt} className="muted">
                    {formatDateTime(comment.createdAt)}
                  </time>
                </div>
                <p className="comment-body">{comment.body}</p>
              </li>
            ))}
          </ul>
        )}
      </PagedList>
      {canComment && (
        <form onSubmit={submit} className="form comment-form">
          <TextField label="Comment" value={body} onChange={setBody} rows={3} required errors={fields} field="body" />
          <ErrorMessage error={fields.rest} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy || body.trim() === ''}>
              {busy ? 'Adding…' : 'Add comment'}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
