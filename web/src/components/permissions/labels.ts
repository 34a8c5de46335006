import type { ProjectGrant } from '../../../../src/contracts.js';

export type ProjectPermission = ProjectGrant['permission'];

/** The project permissions (PRJ-3) in the order the screen lists them, with what each lets its holders do. */
export const PROJECT_PERMISSIONS: { permission: ProjectPermission; label: string }[] = [
  { permission: 'BROWSE_PROJECT', label: 'See the project and its work items.' },
  { permission: 'EDIT_ISSUES', label: 'Create, edit and move work items.' },
  { permission: 'WORK_ON_ISSUES', label: 'Log work on the work items.' },
  {
    permission: 'ADMINISTER_PROJECT',
    label: 'Change the project, its permissions, item security and trash. Includes the three above.',
  },
];

/** The preview's sign that the change leaves nobody administering the project. */
export const leavesNoAdministrator = (preview: { warnings?: { code: string }[] }) =>
  preview.warnings?.some((w) => w.code === 'project_lockout')
    ? 'I understand that nobody will administer this project afterwards.'
    : null;
