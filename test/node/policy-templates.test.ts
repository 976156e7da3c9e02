import { describe, expect, it } from 'vitest';
import { MANAGED_POLICIES, managedToPolicy, type ManagedValue } from '../../main/policy/managed-policy';
import { POLICY_REGISTRY_PATH } from '../../main/policy/policy-paths';
import { PolicyFile } from '../../main/policy/policy-schema';
import { repoText } from '../helpers/repo-files';
import { parseXml, type XmlDocument } from '../helpers/xml-document';

// The Group Policy template and the configuration profile example in docs/policy/ (issue
// 21.1) are well-formed XML, name every managed value the console reads, with the
// registry type policy-watcher reads it as, and the profile's values make a valid policy.

function xml(text: string): XmlDocument {
  const { doc, wellFormed } = parseXml(text);
  expect(wellFormed, 'not well-formed XML').toBe(true);
  return doc;
}

const admx = () => xml(repoText('docs/policy/ConsCentConsole.admx'));
const adml = () => xml(repoText('docs/policy/en-US/ConsCentConsole.adml'));

describe('docs/policy/', () => {
  it('checks well-formedness for real: a broken document is caught', () => {
    expect(parseXml('<a><b></a>').wellFormed).toBe(false);
    expect(parseXml('<a><b/></a>').wellFormed).toBe(true);
  });

  it('the ADMX defines every managed value under the console’s registry key, typed as policy-watcher reads it', () => {
    const policies = [...admx().getElementsByTagName('policy')];
    expect(policies.map((p) => p.getAttribute('name')).sort()).toEqual(MANAGED_POLICIES.map((p) => p.name).sort());
    for (const mapping of MANAGED_POLICIES) {
      const policy = policies.find((p) => p.getAttribute('name') === mapping.name)!;
      expect(policy.getAttribute('key')?.toLowerCase(), mapping.name).toBe(POLICY_REGISTRY_PATH.toLowerCase());
      // booleans REG_DWORD 1/0, numbers REG_QWORD (longDecimal), strings REG_SZ or REG_MULTI_SZ.
      const element = {
        boolean: () => policy.getAttribute('valueName') === mapping.name && policy.getElementsByTagName('enabledValue').length === 1,
        number: () => policy.getElementsByTagName('longDecimal')[0]?.getAttribute('valueName') === mapping.name,
        string: () =>
          [...policy.getElementsByTagName('text'), ...policy.getElementsByTagName('multiText')][0]?.getAttribute('valueName') === mapping.name,
      }[mapping.type];
      expect(element(), mapping.name).toBe(true);
    }
  });

  it('the ADML has every string and presentation the ADMX refers to', () => {
    const strings = new Set([...adml().getElementsByTagName('string')].map((s) => s.getAttribute('id')));
    const presentations = new Set([...adml().getElementsByTagName('presentation')].map((s) => s.getAttribute('id')));
    const text = repoText('docs/policy/ConsCentConsole.admx');
    const missing = [
      ...[...text.matchAll(/\$\(string\.(\w+)\)/g)].map((m) => m[1]!).filter((id) => !strings.has(id)),
      ...[...text.matchAll(/\$\(presentation\.(\w+)\)/g)].map((m) => m[1]!).filter((id) => !presentations.has(id)),
    ];
    expect(missing).toEqual([]);
  });

  it('the .mobileconfig sets the app’s managed preferences to values that make a valid policy', () => {
    const doc = xml(repoText('docs/policy/conscent-console.mobileconfig'));
    const payload = [...doc.getElementsByTagName('dict')].find((dict) =>
      [...dict.children].some((child, i, all) => child.textContent === 'PayloadType' && all[i + 1]?.textContent === 'in.conscent.console'),
    );
    expect(payload).toBeDefined();
    const values: Record<string, ManagedValue> = {};
    const children = [...payload!.children];
    for (let i = 0; i < children.length; i += 2) {
      const name = children[i]!.textContent ?? '';
      const value = children[i + 1]!;
      if (name.startsWith('Payload')) continue;
      values[name] =
        value.tagName === 'true'
          ? true
          : value.tagName === 'false'
            ? false
            : value.tagName === 'integer'
              ? Number(value.textContent)
              : (value.textContent ?? '');
    }
    expect(Object.keys(values).sort()).toEqual(MANAGED_POLICIES.map((p) => p.name).sort());
    const mapped = managedToPolicy(values);
    if (!mapped.ok) throw new Error(mapped.firstError);
    expect(PolicyFile.safeParse({ version: 1, ...mapped.policy }).success).toBe(true);
  });
});
