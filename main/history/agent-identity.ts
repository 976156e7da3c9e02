import { hostname, userInfo } from 'node:os';

// Who made a change: the OS account and the computer, as the operating system names them.
// Read in main (the page cannot see them); the display name comes from the settings.

export type AgentIdentity = { osUser: string; machine: string };

export function currentIdentity(): AgentIdentity {
  let osUser = 'unknown';
  try {
    osUser = userInfo().username;
  } catch {
    // No entry for this uid (some containers): the entry says so rather than guessing.
  }
  return { osUser, machine: hostname() || 'unknown' };
}
