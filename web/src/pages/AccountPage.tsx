/** My account: password, API tokens, other sessions — to be built (issue 13). */
export function AccountPage(_props: { me: import('../../../src/contracts.js').Me }) {
  return <p className="muted">Not built yet.</p>;
}
