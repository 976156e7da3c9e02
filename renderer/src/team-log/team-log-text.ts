import type { TeamLogStatus } from '../../../common/audit-contract';
import { localTime } from '../format/times';

// How the team log (forwarding to the organisation's syslog collector, issue 20) is going,
// in a few words for the header and a sentence for the settings.

const REASONS: Record<NonNullable<TeamLogStatus['problem']>['reason'], string> = {
  refused: 'nothing is listening at its address',
  timeout: 'it does not answer',
  'not-found': 'its name is not known on this network',
  certificate: 'its certificate is not trusted',
  closed: 'it closed the connection',
  other: 'the connection failed',
};

/** The header's few words; `tone` picks the styling. */
export function teamLogBadge(status: TeamLogStatus): { text: string; tone: 'ok' | 'busy' | 'problem' } {
  if (status.full) return { text: `Team log: full, ${status.waiting} waiting`, tone: 'problem' };
  if (status.state === 'unreachable') {
    const since = localTime(status.unreachableSince) ?? 'a while';
    return { text: `Team log: unreachable since ${since}`, tone: 'problem' };
  }
  if (status.state === 'waiting') return { text: `Team log: ${status.waiting} waiting`, tone: status.filling ? 'problem' : 'busy' };
  return { text: 'Team log: delivered', tone: 'ok' };
}

/** The settings' sentence: what is happening and, for a problem, what to do. */
export function teamLogSentence(collector: string, status: TeamLogStatus): string {
  const where = `the collector ${collector}`;
  const dropped = status.dropped > 0 ? ` ${status.dropped} events were dropped for want of room; the collector is told how many.` : '';
  if (status.full)
    return `The outbox is full (${status.capacity.toLocaleString('en')} events) because ${where} has not taken them: changes are still saved, but their events are not kept. Ask your IT team to check the collector.${dropped}`;
  if (status.state === 'unreachable') {
    const why = status.problem ? REASONS[status.problem.reason] : 'it cannot be reached';
    return `Changes are recorded and wait to be sent: ${where} cannot be reached (${why}) since ${localTime(status.unreachableSince) ?? 'a while'}. ${status.waiting} waiting. Ask your IT team to check the collector.${dropped}`;
  }
  if (status.state === 'waiting') return `${status.waiting} events are on their way to ${where}.${dropped}`;
  const last = status.lastDeliveredAt ? `, the last at ${localTime(status.lastDeliveredAt)}` : '';
  return `Every change recorded here has been delivered to ${where}${last}.${dropped}`;
}
