import { useState } from 'react';
import { api, isNotFound } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { ItemTree } from '../components/ItemTree.js';
import { NewItemDialog } from '../components/NewItemDialog.js';
import { href } from '../router.js';
import type { ItemSummary } from '../types.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import { useResource } from '../useResource.js';
import { NotFoundPage } from './NotFoundPage.js';

export function ProjectPage({ projectKey }: { projectKey: string }) {
  const project = useResource(() => api.getProject(projectKey), [projectKey]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ItemSummary | null>(null);
  // Remounting the tree refetches it, so a new item shows up wherever it belongs.
  const [treeVersion, setTreeVersion] = useState(0);
  useDocumentTitle(project.data?.name ?? null);

  if (isNotFound(project.error)) return <NotFoundPage />;
  if (project.error) return <ErrorMessage error={project.error} />;
  if (!project.data) return <p className="muted">Loading…</p>;
  const { data } = project;

  return (
    <section>
      <div className="page-header">
        <div>
          <h1>
            <span className="key">{data.key}</span> {data.name}
          </h1>
          {data.client && <p className="muted">Client: {data.client.name}</p>}
        </div>
        {data.abilities.canCreateItems && (
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
      <h2>Work items</h2>
      <ItemTree key={treeVersion} projectKey={data.key} parentKey={null} />
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
