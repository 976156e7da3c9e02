import { z } from 'zod';

// The pure half of the electronegativity scan (scripts/electronegativity.ts): the config's
// shape, turning the scanner's raw issues into findings, matching them against the
// reviewed decisions, and the printed summary and CSV. No file system, no scanner here,
// so it is tested in plain Node (test/node/security-electronegativity.test.ts).

export const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

const CopySchema = z.object({ from: z.string().min(1), to: z.string().min(1) });

export const ConfigSchema = z.object({
  $comment: z.string().optional(),
  targets: z.array(z.object({ name: z.string().min(1), copy: z.array(CopySchema).min(1) })).min(1),
  /** Scanner checks not run (class names as electronegativity spells them), each with why. */
  excludeChecks: z.array(z.object({ check: z.string().min(1), why: z.string().min(20) })),
  /** Findings looked at by a person: the decision and why. `file` may use `*` within one path segment. */
  reviewed: z.array(
    z.object({
      target: z.string().min(1),
      check: z.string().min(1),
      file: z.string().min(1),
      /** How many findings of this check in this file the decision covers; more are new. */
      count: z.number().int().positive().default(1),
      decision: z.enum(['fixed', 'false positive', 'accepted']),
      why: z.string().min(20),
    }),
  ),
});
export type ScanConfig = z.infer<typeof ConfigSchema>;
export type ReviewedEntry = ScanConfig['reviewed'][number];

// What electronegativity's runner returns per issue (its own objects, so checked here).
const RawIssueSchema = z.object({
  id: z.string(),
  severity: z.object({ name: z.enum(SEVERITIES) }),
  confidence: z.object({ name: z.string() }),
  file: z.string(),
  location: z.object({ line: z.number(), column: z.number() }),
  sample: z.unknown().optional(),
  description: z.string(),
});
export const RawResultSchema = z.object({
  issues: z.array(RawIssueSchema),
  errors: z.array(z.object({ file: z.string(), message: z.string(), tolerable: z.boolean().optional() })),
});
export type RawResult = z.infer<typeof RawResultSchema>;

export interface Finding {
  target: string;
  check: string;
  severity: Severity;
  confidence: string;
  /** Repository-relative path of the scanned file, or N/A for whole-app findings. */
  file: string;
  location: string;
  sample: string;
  description: string;
  review?: Pick<ReviewedEntry, 'decision' | 'why'>;
}

const SAMPLE_LIMIT = 160;

/** Turns raw issues into findings; `originalPath` maps a scanned file back to the repository. */
export function toFindings(target: string, raw: RawResult, originalPath: (scannedFile: string) => string): Finding[] {
  return raw.issues.map((issue) => {
    const sample = typeof issue.sample === 'string' ? issue.sample.replace(/\s+/g, ' ').trim() : '';
    return {
      target,
      check: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file === 'N/A' ? 'N/A' : originalPath(issue.file),
      location: `${issue.location.line}:${issue.location.column}`,
      sample: sample.length > SAMPLE_LIMIT ? `${sample.slice(0, SAMPLE_LIMIT)}…` : sample,
      description: issue.description,
    };
  });
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${escaped}$`);
}

export interface ReviewOutcome {
  findings: Finding[];
  unreviewed: Finding[];
  /** Decisions that matched nothing: the finding went away, so the entry can go too. */
  stale: ReviewedEntry[];
}

/**
 * Attaches each reviewed decision to at most `count` matching findings, in scan order.
 * Anything beyond that (a second openExternal call, a new eval in the bundle) is new.
 */
export function applyReviews(findings: readonly Finding[], reviewed: readonly ReviewedEntry[]): ReviewOutcome {
  const remaining = reviewed.map((entry) => ({ entry, left: entry.count, pattern: globToRegExp(entry.file) }));
  const out = findings.map((finding) => {
    const slot = remaining.find(
      (r) => r.left > 0 && r.entry.target === finding.target && r.entry.check === finding.check && r.pattern.test(finding.file),
    );
    if (!slot) return { ...finding };
    slot.left -= 1;
    return { ...finding, review: { decision: slot.entry.decision, why: slot.entry.why } };
  });
  return {
    findings: out,
    unreviewed: out.filter((finding) => !finding.review),
    stale: remaining.filter((r) => r.left === r.entry.count).map((r) => r.entry),
  };
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

export function severityLine(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  return SEVERITIES.map((severity) => `${severity} ${counts[severity]}`).join(', ');
}

/** The lines printed after a scan: per target by severity, then every finding and its decision. */
export function summaryLines(targets: readonly string[], outcome: ReviewOutcome): string[] {
  const lines: string[] = [];
  for (const target of targets) {
    const mine = outcome.findings.filter((finding) => finding.target === target);
    lines.push(`${target}: ${mine.length} finding(s): ${severityLine(mine)}`);
  }
  const order = (severity: Severity) => SEVERITIES.indexOf(severity);
  const sorted = [...outcome.findings].sort((a, b) => order(a.severity) - order(b.severity));
  for (const finding of sorted) {
    const status = finding.review ? `reviewed: ${finding.review.decision}` : 'NOT REVIEWED';
    lines.push(`  ${finding.severity.padEnd(13)} ${finding.check.padEnd(30)} ${finding.target}:${finding.file}:${finding.location}  ${status}`);
  }
  if (outcome.unreviewed.length > 0) {
    lines.push(
      `${outcome.unreviewed.length} finding(s) not reviewed: fix them, or record a decision in scripts/electronegativity.config.json and docs/security.md.`,
    );
  } else {
    lines.push('Every finding has a recorded decision (docs/security.md).');
  }
  for (const entry of outcome.stale) {
    lines.push(`  note: no ${entry.check} in ${entry.target}:${entry.file} any more; its reviewed entry can be removed.`);
  }
  return lines;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(findings: readonly Finding[]): string {
  const header = ['target', 'check', 'severity', 'confidence', 'file', 'location', 'decision', 'why', 'description', 'sample'];
  const rows = findings.map((f) => [
    f.target,
    f.check,
    f.severity,
    f.confidence,
    f.file,
    f.location,
    f.review?.decision ?? 'NOT REVIEWED',
    f.review?.why ?? '',
    f.description,
    f.sample,
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}
