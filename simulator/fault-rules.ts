import { FaultRule, type Fault } from './options';

// Which faults a request gets. At most one delay and one replacement answer apply: the
// first matching latency rule and the first matching other rule, so "every call is slow"
// and "update fails" can be combined. Each applied rule uses up one of its `times`.

interface LiveRule {
  path: string | undefined;
  method: string | undefined;
  fault: Fault;
  remaining: number;
}

export interface ChosenFaults {
  latency?: Extract<Fault, { kind: 'latency' }>;
  answer?: Exclude<Fault, { kind: 'latency' }>;
}

const normalizePath = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

export class FaultBook {
  private rules: LiveRule[] = [];

  add(input: FaultRule): void {
    const parsed = FaultRule.safeParse(input);
    if (!parsed.success) {
      throw new Error(`Invalid fault rule: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
    }
    const rule = parsed.data;
    this.rules.push({
      path: rule.path === undefined || rule.path === '*' ? undefined : normalizePath(rule.path),
      method: rule.method?.toUpperCase(),
      fault: rule.fault,
      remaining: rule.times ?? Number.POSITIVE_INFINITY,
    });
  }

  clear(): void {
    this.rules = [];
  }

  /** `path` is relative to the base path, or undefined for a request outside it. */
  choose(method: string, path: string | undefined): ChosenFaults {
    const chosen: ChosenFaults = {};
    const wantedPath = path === undefined ? undefined : normalizePath(path);
    for (const rule of this.rules) {
      if (rule.method !== undefined && rule.method !== method.toUpperCase()) continue;
      if (rule.path !== undefined && rule.path !== wantedPath) continue;
      if (rule.fault.kind === 'latency') {
        if (chosen.latency) continue;
        chosen.latency = rule.fault;
      } else {
        if (chosen.answer) continue;
        chosen.answer = rule.fault;
      }
      rule.remaining -= 1;
    }
    this.rules = this.rules.filter((rule) => rule.remaining > 0);
    return chosen;
  }
}
