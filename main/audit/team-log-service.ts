import type { TeamLogState, TeamLogTestResult } from '../../common/audit-contract';
import type { AuditHook } from './audit-hook';

// What the page may know of forwarding (issue 20.5): configured or not, how it is going,
// and a test event sent on the agent's or admin's request. Never the settings themselves
// beyond the collector's host:port.

export interface TeamLogService {
  state(): Promise<TeamLogState>;
  sendTestEvent(): Promise<TeamLogTestResult>;
}

export function createTeamLogService(audit: AuditHook | undefined): TeamLogService {
  const forwarder = async () => (audit ? await audit.forwarder().catch(() => null) : null);
  return {
    async state() {
      const f = await forwarder();
      if (!f) return { configured: false };
      const { target, tls, ...status } = f.status();
      return { configured: true, collector: target, tls, status };
    },
    async sendTestEvent() {
      const f = await forwarder();
      if (!f) return { configured: false };
      const { delivered, status } = await f.sendTestEvent(5_000);
      const { target: _target, tls: _tls, ...rest } = status;
      return { configured: true, delivered, status: rest };
    },
  };
}
