import { api } from '../api.js';
import { useCursorList } from '../useCursorList.js';
import { PagedList } from './PagedList.js';
import { WorklogTable } from './WorklogTable.js';

export function WorklogsTab({ itemKey }: { itemKey: string }) {
  const list = useCursorList((cursor) => api.listItemWorklogs(itemKey, cursor), [itemKey]);
  return (
    <PagedList list={list} empty="No work logged yet.">
      {(worklogs) => (
        <WorklogTable worklogs={worklogs} caption={`Work logs on ${itemKey}`} showAuthor onChanged={list.reload} />
      )}
    </PagedList>
  );
}
