import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { formatDateTime } from '../dates.js';
import { useCursorList } from '../useCursorList.js';
import { useFieldErrors } from '../useFieldErrors.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FieldError } from './FieldError.js';
import { LoadMoreButton } from './LoadMoreButton.js';

interface Props {
  itemKey: string;
  canComment: boolean;
}

export function CommentsTab({ itemKey, canComment }: Props) {
  const list = useCursorList((cursor) => api.listComments(itemKey, cursor), [itemKey]);
  const [body, setBody] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = useFieldErrors(error, ['body']);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await api.addComment(itemKey, body.trim());
      setBody('');
      list.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <ErrorMessage error={list.error} />
      {list.loading && list.items.length === 0 ? (
        <p className="muted">Loading…</p>
      ) : list.items.length === 0 && !list.error ? (
        <p className="muted">No comments yet.</p>
      ) : (
        <ul className="comments">
          {list.items.map((comment) => (
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
      <LoadMoreButton hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />
      {canComment && (
        <form onSubmit={submit} className="form comment-form">
          <label>
            Comment
            <textarea
              value={body}
              onChange={(e) => setBody(e.target.value)}
              rows={3}
              required
              {...fields.props('body')}
            />
          </label>
          <FieldError errors={fields} field="body" />
          <ErrorMessage error={fields.rest} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={saving || body.trim() === ''}>
              {saving ? 'Adding…' : 'Add comment'}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
