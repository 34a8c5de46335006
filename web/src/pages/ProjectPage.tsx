import { useState } from 'react';
import { api, isNotFound } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { ItemTree } from '../components/ItemTree.js';
import { NewItemDialog } from '../components/NewItemDialog.js';
import { ProjectPermissionsTab } from '../components/ProjectPermissionsTab.js';
import { ProjectSettingsTab } from '../components/ProjectSettingsTab.js';
import { ProjectTeamsTab } from '../components/ProjectTeamsTab.js';
import { TabList } from '../components/TabList.js';
import { TrashTab } from '../components/TrashTab.js';
import { href, navigate, type ProjectTab } from '../router.js';
import type { Item } from '../../../src/contracts.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useResource } from '../useResource.js';
import { NotFoundPage } from './NotFoundPage.js';

interface Props {
  projectKey: string;
  tab: ProjectTab;
}

export function ProjectPage({ projectKey, tab }: Props) {
  const project = useResource(() => api.getProject(projectKey), [projectKey]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Item | null>(null);
  // Remounting the tree refetches it, so a new item shows up wherever it belongs.
  const [treeVersion, setTreeVersion] = useState(0);
  useDocumentTitle(project.data?.name ?? null);

  if (isNotFound(project.error)) return <NotFoundPage />;
  if (project.error) return <ErrorMessage error={project.error} />;
  if (!project.data) return <p className="muted">Loading…</p>;
  const { data } = project;
  // The server says whether the teams tab is there (the Teams area, and no denial of the time-tracking tabs: TEAM-8).
  const tabs: { id: ProjectTab; label: string }[] = [{ id: 'items', label: 'Work items' }];
  if (data.abilities.canViewTeams) tabs.push({ id: 'teams', label: 'Teams & price lists' });
  if (data.abilities.canManagePermissions) tabs.push({ id: 'permissions', label: 'Permissions' });
  if (data.abilities.canAdminister) tabs.push({ id: 'settings', label: 'Settings' }, { id: 'trash', label: 'Trash' });
  // A tab the server does not open to the caller looks like a page that does not exist.
  if (!tabs.some((t) => t.id === tab)) return <NotFoundPage />;

  return (
    <section>
      <div className="page-header">
        <div>
          <h1>
            <span className="key">{data.key}</span> {data.name}
            {data.archivedAt && <span className="badge archived-badge">Archived</span>}
          </h1>
          {data.client && <p className="muted">Client: {data.client.name}</p>}
        </div>
        {tab === 'items' && data.abilities.canCreateItems && (
          <button type="button" className="button" onClick={() => setCreating(true)}>
            New item
          </button>
        )}
      </div>
      {created && (
        <p className="notice" role="status">
          Created <a href={href.item(created.key)}>{created.key}</a>.
        </p>
      )}
      {tabs.length > 1 && (
        <TabList
          label="Project"
          idPrefix="project-"
          tabs={tabs}
          active={tab}
          onSelect={(id) => navigate(href.project(data.key, id))}
        />
      )}
      {tab === 'items' ? (
        <div
          role={tabs.length > 1 ? 'tabpanel' : undefined}
          id="project-panel-items"
          aria-labelledby={tabs.length > 1 ? 'project-tab-items' : undefined}
          className="project-items"
        >
          <h2>Work items</h2>
          <ItemTree
            key={treeVersion}
            projectKey={data.key}
            parentKey={null}
            canCreate={data.abilities.canCreateItems}
          />
        </div>
      ) : (
        <div role="tabpanel" id={`project-panel-${tab}`} aria-labelledby={`project-tab-${tab}`} className="tab-panel">
          {tab === 'teams' && <ProjectTeamsTab projectKey={data.key} />}
          {tab === 'permissions' && <ProjectPermissionsTab projectKey={data.key} />}
          {tab === 'settings' && <ProjectSettingsTab project={data} onChanged={project.reload} />}
          {tab === 'trash' && <TrashTab projectKey={data.key} />}
        </div>
      )}
      {creating && (
        <NewItemDialog
          projectKey={data.key}
          onClose={() => setCreating(false)}
          onCreated={(item) => {
            setCreating(false);
            setCreated(item);
            setTreeVersion((v) => v + 1);
          }}
        />
      )}
    </section>
  );
}
