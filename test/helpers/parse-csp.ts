/** Splits a Content-Security-Policy into directive → sources; a directive given twice is an error. */
export function parseCsp(policy: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    if (key in directives) throw new Error(`Directive ${key} appears twice.`);
    directives[key] = sources;
  }
  return directives;
}
