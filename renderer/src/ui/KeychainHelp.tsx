// How to unlock (or start) the system keychain on each desktop, shown under a keychain
// error by its "Unlock keychain help" button. Offline on purpose: the agent may be on a
// network that cannot reach any help page.

export function KeychainHelp({ id, hidden }: { id: string; hidden: boolean }) {
  return (
    <div id={id} className="keychain-help" hidden={hidden}>
      <ul>
        <li>
          <strong>macOS:</strong> open Keychain Access, select the “login” keychain and choose File › Unlock Keychain, then enter your Mac password.
        </li>
        <li>
          <strong>Windows:</strong> Credential Manager opens with your Windows sign-in; sign out and in again if it does not answer.
        </li>
        <li>
          <strong>Linux:</strong> open “Passwords and Keys”, right-click the Login keyring and choose Unlock; if there is no keyring service, install
          and start GNOME Keyring and log in again from the desktop.
        </li>
      </ul>
      <p>Then do again what failed (Try again, Save or Check the keychain again).</p>
    </div>
  );
}
