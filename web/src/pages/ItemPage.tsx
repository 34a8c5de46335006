import { useState } from 'react';
import { api, isNotFound } from '../api.js';
import { Breadcrumb } from '../components/Breadcrumb.js';
import { CommentsTab } from '../components/CommentsTab.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { ItemFieldsEditor } from '../components/items/ItemFieldsEditor.js';
import { ItemLifecycleBar } from '../components/items/ItemLifecycleBar.js';
import { WatchButton } from '../components/items/WatchButton.js';
import type { Done } from '../components/items/lifecycle.js';
import { ItemSecurityDialog } from '../components/ItemSecurityDialog.js';
import { LogWorkDialog } from '../components/LogWorkDialog.js';
import { TabList } from '../components/TabList.js';
import { TimePanel } from '../components/TimePanel.js';
import { WhyCantIDialog } from '../components/WhyCantIDialog.js';
import { WorklogsTab } from '../components/WorklogsTab.js';
import { href, navigate } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useResource } from '../useResource.js';
import { NotFoundPage } from './NotFoundPage.js';

type Tab = 'comments' | 'worklogs';
type OpenDialog = 'logWork' | 'security' | 'why' | null;

export function ItemPage({ itemKey }: { itemKey: string }) {
  const item = useResource(() => api.getItem(itemKey), [itemKey]);
  const [tab, setTab] = useState<Tab>('comments');
  const [dialog, setDialog] = useState<OpenDialog>(null);
  // Bumped after logging work so the work-log tab and the time panel refetch.
  const [worklogsVersion, setWorklogsVersion] = useState(0);
  const [notice, setNotice] = useState<{ on: string; done: Done } | null>(null);
  useDocumentTitle(item.data ? `${item.data.key} ${item.data.title}` : null);

  /** After a change from the item's actions: a trashed item leaves for its project's tree; otherwise say what happened. */
  function lifecycleDone(done: Done) {
    if (done.trashed && item.data) return navigate(href.project(item.data.projectKey));
    setNotice({ on: itemKey, done });
    item.reload();
  }

  if (isNotFound(item.error)) return <NotFoundPage />;
  if (item.error) return <ErrorMessage error={item.error} />;
  if (!item.data) return <p className="muted">Loading…</p>;
  const { data } = item;
  const { abilities } = data;
  const tabs: { id: Tab; label: string }[] = [{ id: 'comments', label: 'Comments' }];
  if (abilities.canViewWorklogs) tabs.push({ id: 'worklogs', label: 'Work logs' });
  const activeTab = tabs.some((t) => t.id === tab) ? tab : 'comments';

  return (
    <article>
      <Breadcrumb item={data} />
      <div className="page-header">
        <ItemFieldsEditor item={data} onSaved={() => item.reload()} reload={item.reload} />
        <div className="page-actions">
          {abilities.canLogWork && (
            <button type="button" className="button" onClick={() => setDialog('logWork')}>
              Log work
            </button>
          )}
          {abilities.canChangeSecurity && (
            <button type="button" className="button secondary" onClick={() => setDialog('security')}>
              Security…
            </button>
          )}
          <WatchButton itemKey={data.key} />
          <button type="button" className="button link" onClick={() => setDialog('why')}>
            Why can't I…?
          </button>
        </div>
      </div>
      {notice?.on === data.key && (
        <p className="notice" role="status">
          {notice.done.message}{' '}
          {notice.done.item && <a href={href.item(notice.done.item.key)}>Open {notice.done.item.key}</a>}
        </p>
      )}
      <ItemLifecycleBar item={data} onDone={lifecycleDone} />
      {abilities.canViewTimePanels && <TimePanel key={worklogsVersion} itemKey={data.key} />}

      <TabList label="Item details" tabs={tabs} active={activeTab} onSelect={setTab} />
      <div role="tabpanel" id={`panel-${activeTab}`} aria-labelledby={`tab-${activeTab}`} className="tab-panel">
        {activeTab === 'comments' ? (
          <CommentsTab itemKey={data.key} canComment={abilities.canComment} />
        ) : (
          <WorklogsTab key={worklogsVersion} itemKey={data.key} />
        )}
      </div>

      {dialog === 'logWork' && (
        <LogWorkDialog
          itemKey={data.key}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            setWorklogsVersion((v) => v + 1);
            if (abilities.canViewWorklogs) setTab('worklogs');
          }}
        />
      )}
      {dialog === 'security' && (
        <ItemSecurityDialog item={data} onClose={() => setDialog(null)} onChanged={item.reload} />
      )}
      {dialog === 'why' && <WhyCantIDialog itemKey={data.key} onClose={() => setDialog(null)} />}
    </article>
  );
}
