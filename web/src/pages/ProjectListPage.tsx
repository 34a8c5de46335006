import { useState } from 'react';
import { listProjectPage } from '../api/projects.js';
import { PagedList } from '../components/PagedList.js';
import { NewProjectDialog } from '../components/projects/NewProjectDialog.js';
import { Table } from '../components/Table.js';
import { href, navigate } from '../router.js';
import { useCursorList } from '../useCursorList.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import '../components/projects/projects.css';

/** The projects the caller may browse (PRJ-4): active ones, or with "Show archived" the archived ones too (PRJ-1). */
export function ProjectListPage() {
  const [showArchived, setShowArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = useCursorList((cursor) => listProjectPage(showArchived ? 'include' : 'exclude', cursor), [showArchived]);
  // What the caller may do here is the server's answer, sent with the list.
  const can = list.lastPage?.abilities;
  useDocumentTitle('Projects');

  const newProject = (
    <button type="button" className="button" onClick={() => setCreating(true)}>
      New project
    </button>
  );
  const empty = (
    <>
      {showArchived ? 'No projects yet.' : 'No active projects.'}{' '}
      {can?.canCreate
        ? 'Create one with “New project”.'
        : 'Ask a project administrator to give you access to a project.'}
    </>
  );

  return (
    <section>
      <div className="page-header">
        <h1>Projects</h1>
        {can?.canCreate && newProject}
      </div>
      <label className="checkbox project-filter">
        <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
        Show archived
      </label>
      <PagedList list={list} empty={empty}>
        {(projects) => (
          <Table caption="Projects" columns={['Key', 'Name', 'Client']}>
            {projects.map((project) => (
              <tr key={project.key} className={project.archivedAt ? 'archived' : undefined}>
                <td className="key">{project.key}</td>
                <td>
                  <a href={href.project(project.key)}>{project.name}</a>
                  {project.archivedAt && <span className="badge archived-badge">Archived</span>}
                </td>
                <td>{project.client?.name ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </Table>
        )}
      </PagedList>
      {creating && (
        <NewProjectDialog
          canChooseClient={can?.canListClients ?? false}
          onClose={() => setCreating(false)}
          onCreated={(project) => {
            setCreating(false);
            navigate(href.project(project.key));
          }}
        />
      )}
    </section>
  );
}
