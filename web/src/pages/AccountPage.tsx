import type { Me } from '../../../src/contracts.js';
import { PasswordForm } from '../components/account/PasswordForm.js';
import { MyWorkingTime } from '../components/calendars/MyWorkingTime.js';
import { SessionsSection } from '../components/account/SessionsSection.js';
import { TokensSection } from '../components/account/TokensSection.js';
import { useDocumentTitle } from '../useDocumentTitle.js';
import '../components/account/account.css';

/** My account (ID-3): who I am, my working time, my password, my personal API tokens, and my other sessions. */
export function AccountPage({ me }: { me: Me }) {
  const { user } = me;
  useDocumentTitle('My account');
  return (
    <>
      <h1>My account</h1>
      <dl className="account-facts">
        <dt>Name</dt>
        <dd>{user.displayName}</dd>
        <dt>Login</dt>
        <dd>{user.login}</dd>
        <dt>Email</dt>
        <dd>{user.email}</dd>
        {user.systemAdmin && (
          <>
            <dt>Role</dt>
            <dd>System administrator</dd>
          </>
        )}
      </dl>
      <MyWorkingTime />
      <PasswordForm />
      <TokensSection />
      <SessionsSection />
    </>
  );
}
