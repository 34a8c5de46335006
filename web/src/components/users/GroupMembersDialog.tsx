import { useState } from 'react';
import type { Group, Person } from '../../../../src/contracts.js';
import { usersApi } from '../../api/users.js';
import { useAction } from '../../useAction.js';
import { useResource } from '../../useResource.js';
import { Dialog } from '../Dialog.js';
import { ErrorMessage } from '../ErrorMessage.js';
import { CloseButton } from '../FormButtons.js';
import { RowActions, RowButton } from '../RowActions.js';
import { ACTIONS, Table } from '../Table.js';
import { UserSearch } from '../UserSearch.js';

interface Props {
  group: Group;
  onClose: () => void;
  /** Members changed: the group's count and version moved on. */
  onChanged: () => void;
}

/** A group's members (ID-2): add users found by login or name, remove members. */
export function GroupMembersDialog({ group, onClose, onChanged }: Props) {
  const members = useResource(() => usersApi.members(group.id), [group.id]);
  const [picked, setPicked] = useState<Person | null>(null);
  const change = useAction();
  const memberIds = new Set(members.data?.items.map((m) => m.id));
  const canEdit = group.abilities.canEditMembers;
  const candidates = async (q: string) => (await usersApi.list(q)).items.filter((u) => !memberIds.has(u.id));

  const apply = (work: () => Promise<void>) =>
    change.run(async () => {
      await work();
      members.reload();
      onChanged();
    });
  const add = () => picked && apply(() => usersApi.addMember(group.id, picked.id));

  return (
    <Dialog title={`Members of ${group.name}`} onClose={onClose} wide>
      <ErrorMessage error={members.error} />
      {members.data &&
        (members.data.items.length === 0 ? (
          <p className="muted">No members yet.{canEdit && ' Find a user below and add them.'}</p>
        ) : (
          <Table caption={`Members of ${group.name}`} className="stacked-table" columns={['Member', 'Login', ACTIONS]}>
            {members.data.items.map((member) => (
              <tr key={member.id}>
                <td data-label="Member">{member.displayName}</td>
                <td data-label="Login">{member.login}</td>
                <RowActions>
                  {canEdit && (
                    <RowButton
                      danger
                      name={`Remove ${member.login} from ${group.name}`}
                      disabled={change.busy}
                      onClick={() => void apply(() => usersApi.removeMember(group.id, member.id))}
                    >
                      Remove
                    </RowButton>
                  )}
                </RowActions>
              </tr>
            ))}
          </Table>
        ))}
      {canEdit ? (
        <form
          className="form inline-form group-members-add"
          aria-label={`Add a member to ${group.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <UserSearch
            key={members.data?.items.length}
            search={candidates}
            value={picked?.id ?? null}
            onChange={setPicked}
          />
          <button type="submit" className="button" disabled={!picked || change.busy}>
            Add to group
          </button>
        </form>
      ) : (
        <p className="muted">Only system administrators change who is in {group.name}.</p>
      )}
      <ErrorMessage error={change.error} />
      <CloseButton onClose={onClose} />
    </Dialog>
  );
}
