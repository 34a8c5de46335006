import type { ClientRow } from './repo.js';
import type { ClientOut } from './schema.js';

/** A client as the API answers it, with what the caller may do to it. */
export function clientOut(row: ClientRow, canEdit: boolean): ClientOut {
  return {
    id: row.id,
    name: row.name,
    contact: row.contact,
    notes: row.notes,
    archived: row.archived,
    version: row.version,
    projectCount: row.project_count,
    abilities: { canEdit },
  };
}

/** What an audit row keeps of a client. */
export const clientAudit = (row: ClientRow) => ({
  name: row.name,
  contact: row.contact,
  notes: row.notes,
  archived: row.archived,
});
