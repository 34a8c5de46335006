import { AppRolesTab } from '../components/AppRolesTab.js';
import { AuditTab } from '../components/AuditTab.js';
import { CheckAccessTab } from '../components/CheckAccessTab.js';
import { DaysOffTab } from '../components/calendars/DaysOffTab.js';
import { DenyPermissionsTab } from '../components/DenyPermissionsTab.js';
import { GroupsTab } from '../components/GroupsTab.js';
import { LeaveTypesTab } from '../components/leave/LeaveTypesTab.js';
import { SettingsTab } from '../components/SettingsTab.js';
import { TabList } from '../components/TabList.js';
import { UsersTab } from '../components/UsersTab.js';
import { WhoHasAccessTab } from '../components/WhoHasAccessTab.js';
import { href, navigate, type AdminTab } from '../router.js';
import { useDocumentTitle } from '../useDocumentTitle.js';

const TABS: { id: AdminTab; label: string }[] = [
  { id: 'users', label: 'Users' },
  { id: 'groups', label: 'Groups' },
  { id: 'denies', label: 'Deny permissions' },
  { id: 'roles', label: 'App roles' },
  { id: 'check', label: 'Check access' },
  { id: 'access', label: 'Who has access' },
  { id: 'audit', label: 'Audit log' },
  { id: 'settings', label: 'Settings' },
  { id: 'days-off', label: 'Days off' },
  { id: 'leave-types', label: 'Leave types' },
];

/** The Administration area (APP-2); App shows it only when the server opens the area to the user. */
export function AdminPage({ tab }: { tab: AdminTab }) {
  useDocumentTitle('Administration');
  return (
    <section>
      <h1>Administration</h1>
      <TabList
        label="Administration"
        idPrefix="admin-"
        tabs={TABS}
        active={tab}
        onSelect={(id) => navigate(href.admin(id))}
      />
      <div role="tabpanel" id={`admin-panel-${tab}`} aria-labelledby={`admin-tab-${tab}`} className="tab-panel">
        {tab === 'users' && <UsersTab />}
        {tab === 'denies' && <DenyPermissionsTab />}
        {tab === 'roles' && <AppRolesTab />}
        {tab === 'groups' && <GroupsTab />}
        {tab === 'check' && <CheckAccessTab />}
        {tab === 'access' && <WhoHasAccessTab />}
        {tab === 'audit' && <AuditTab />}
        {tab === 'settings' && <SettingsTab />}
        {tab === 'days-off' && <DaysOffTab />}
        {tab === 'leave-types' && <LeaveTypesTab />}
      </div>
    </section>
  );
}
