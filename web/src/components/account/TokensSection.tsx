import { useEffect, useId, useRef, useState } from 'react';
import type { ApiToken, ApiTokenCreated } from '../../../../src/contracts.js';
import { accountApi } from '../../api/account.js';
import { formatDateTime } from '../../dates.js';
import { useFormSubmit } from '../../useFormSubmit.js';
import { useResource } from '../../useResource.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { RowActions, RowButton } from '../RowActions.js';
import { ACTIONS, Table } from '../Table.js';
import { TextField } from '../TextField.js';
import { CopyField } from '../CopyField.js';
import { RevokeTokenDialog } from './RevokeTokenDialog.js';
import './account.css';

/** Personal API tokens (ID-3): create one (its secret shown this once), see them, revoke them. */
export function TokensSection() {
  const tokens = useResource(() => accountApi.listTokens(), []);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const nameId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // After a revocation the row and its button are gone: focus goes to the list's heading, once the dialog has closed.
  const [revocations, setRevocations] = useState(0);
  useEffect(() => {
    if (revocations > 0) heading.current?.focus();
  }, [revocations]);

  const { busy, fields, submit } = useFormSubmit(['name'], async () => {
    setCreated(await accountApi.createToken(name));
    setName('');
    tokens.reload();
  });

  const items = tokens.data?.items;
  return (
    <section className="panel" aria-labelledby="tokens-title">
      <h2 id="tokens-title" ref={heading} tabIndex={-1}>
        API tokens
      </h2>
      <p className="muted">
        A script sends a token as <code>Authorization: Bearer …</code> and acts as you. Only a hash of it is kept.
      </p>
      <ErrorMessage error={tokens.error} />
      {items && items.length === 0 && (
        <div className="notice">
          <p>You have no API tokens. Create one to let a script use the Timeward API as you.</p>
          <button
            type="button"
            className="button small secondary"
            onClick={() => document.getElementById(nameId)?.focus()}
          >
            Create a token
          </button>
        </div>
      )}
      {items && items.length > 0 && (
        <Table caption="My API tokens" className="stacked-table" columns={['Token', 'Use', ACTIONS]}>
          {items.map((token) => (
            <tr key={token.id}>
              <td>
                {token.name}
                <br />
                <span className="token-prefix muted">{token.prefix}…</span>
              </td>
              <td>
                Created {formatDateTime(token.createdAt)}
                <br />
                Last used {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'never'}
              </td>
              <RowActions>
                <RowButton danger name={`Revoke token ${token.name}`} onClick={() => setRevoking(token)}>
                  Revoke…
                </RowButton>
              </RowActions>
            </tr>
          ))}
        </Table>
      )}

      {created && (
        <section className="notice new-token" aria-label="New API token">
          <p>
            <strong>Copy the token “{created.name}” now:</strong> it is shown only this once.
          </p>
          <CopyField label="New API token" value={created.token} copyLabel="Copy token" />
          <button type="button" className="button small secondary" onClick={() => setCreated(null)}>
            Done, hide it
          </button>
        </section>
      )}

      <form className="form account-form" onSubmit={submit} aria-labelledby="new-token-title">
        <h3 id="new-token-title">New token</h3>
        <TextField
          id={nameId}
          label="Name (what the token is for)"
          value={name}
          onChange={setName}
          required
          maxLength={200}
          errors={fields}
          field="name"
        />
        <ErrorMessage error={fields.rest} />
        <div className="form-actions start">
          <button type="submit" className="button" disabled={busy || name.trim() === ''}>
            {busy ? 'Creating…' : 'Create token'}
          </button>
        </div>
      </form>

      {revoking && (
        <RevokeTokenDialog
          token={revoking}
          onDone={() => {
            setRevoking(null);
            tokens.reload();
            setRevocations((n) => n + 1);
          }}
          onCancel={() => setRevoking(null)}
        />
      )}
    </section>
  );
}
