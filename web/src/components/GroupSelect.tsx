import { useState } from 'react';
import { api } from '../api.js';
import type { FieldErrors } from '../useFieldErrors.js';
import { useResource } from '../useResource.js';
import { SelectField } from './SelectField.js';

export type GroupChoice = ReturnType<typeof useGroupChoice>;

/** The installation's groups, and the one chosen: the first until the user picks another. */
export function useGroupChoice() {
  const groups = useResource(() => api.listGroups(), []);
  const [picked, setPicked] = useState<number | null>(null);
  const items = groups.data?.items ?? [];
  return { items, error: groups.error, chosen: picked ?? items[0]?.id ?? null, pick: setPicked };
}

/** Picks a group for a change's `groupId`. */
export function GroupSelect({ choice, errors }: { choice: GroupChoice; errors: FieldErrors }) {
  return (
    <SelectField
      label="Group"
      value={choice.chosen ?? ''}
      errors={errors}
      field="groupId"
      onChange={(id) => choice.pick(Number(id))}
    >
      {choice.items.map((group) => (
        <option key={group.id} value={group.id}>
          {group.name}
        </option>
      ))}
    </SelectField>
  );
}
