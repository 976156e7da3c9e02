import { describe, expect, it } from 'vitest';
import { hasManagedPolicies, policyFilePath } from '../../main/policy/policy-paths';

// Where IT puts the policy on each OS (docs/installing.md), with platform and environment injected.

describe('the policy file’s place per OS', () => {
  it('is under %ProgramData% on Windows, C:\\ProgramData when the variable is unset', () => {
    expect(policyFilePath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\ConsCent Console\\policy.json');
    expect(policyFilePath('win32', {})).toBe('C:\\ProgramData\\ConsCent Console\\policy.json');
  });

  it('is in /Library/Application Support on macOS, whatever the environment says', () => {
    expect(policyFilePath('darwin', { HOME: '/Users/agent' })).toBe('/Library/Application Support/ConsCent Console/policy.json');
  });

  it('is /etc/conscent-console/policy.json on Linux, as VS Code reads /etc/vscode/policy.json', () => {
    expect(policyFilePath('linux', { XDG_CONFIG_HOME: '/home/agent/.config' })).toBe('/etc/conscent-console/policy.json');
  });

  it('reads Group Policy and managed preferences only on Windows and macOS', () => {
    expect([hasManagedPolicies('win32'), hasManagedPolicies('darwin'), hasManagedPolicies('linux')]).toEqual([true, true, false]);
  });
});
