/** Shapes of the JSON the API returns. The UI reads abilities from them and never derives its own. */

export interface User {
  id: number;
  login: string;
  displayName: string;
  email: string;
  systemAdmin: boolean;
}

export interface Me {
  user: User;
  csrfToken: string;
  areas: string[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Project {
  id: number;
  key: string;
  name: string;
  client: { id: number; name: string } | null;
  abilities: { canAdminister: boolean; canCreateItems: boolean; canManagePermissions: boolean };
}

export interface ItemSummary {
  id: number;
  key: string;
  title: string;
  status: string;
  parentKey: string | null;
  hasChildren: boolean;
}

export interface Item {
  id: number;
  key: string;
  projectKey: string;
  title: string;
  description: string;
  status: string;
  parentKey: string | null;
  path: { key: string; title: string }[];
  version: number;
  abilities: {
    canEdit: boolean; canDelete: boolean; canComment: boolean; canLogWork: boolean; canViewWorklogs: boolean;
    canViewTimePanels: boolean; canChangeSecurity: boolean;
  };
}

export interface Comment {
  id: number;
  author: { id: number; displayName: string };
  body: string;
  createdAt: string;
}

export interface Worklog {
  id: number | string;
  item: { key: string; title: string; projectKey: string };
  author: { id: number; displayName: string };
  startDate: string;
  startTime: string | null;
  durationSeconds: number;
  description: string;
  version: number;
  createdAt: string;
  abilities: { canEdit: boolean; canDelete: boolean };
}

/** Fields of a work log that the log-work dialog sends. */
export interface WorklogInput {
  startDate: string;
  startTime: string | null;
  durationSeconds: number;
  description?: string;
}
