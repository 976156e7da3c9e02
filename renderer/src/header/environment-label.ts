import type { ProfileSummary } from '../../../common/contract';

// How a connection's environment is labelled everywhere (header band, connection list,
// review dialog). Production must never look like anything else, so it wins over a
// "Demo" name; every tone has its own words, never just a colour.

export type EnvironmentTone = 'production' | 'sandbox' | 'custom' | 'demo';

export type EnvironmentLabel = {
  tone: EnvironmentTone;
  /** Short name, e.g. for a list: "Production". */
  short: string;
  /** The header band's text. */
  banner: string;
};

export const PRODUCTION_BANNER = 'PRODUCTION — changes affect real readers';

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

export function environmentLabel(profile: Pick<ProfileSummary, 'name' | 'environment' | 'baseUrl'>): EnvironmentLabel {
  if (profile.environment === 'production') {
    return { tone: 'production', short: 'Production', banner: PRODUCTION_BANNER };
  }
  if (/^demo/i.test(profile.name.trim())) {
    return { tone: 'demo', short: 'Demo (local simulator)', banner: 'DEMO (local simulator) — no real readers' };
  }
  if (profile.environment === 'sandbox') {
    return { tone: 'sandbox', short: 'Sandbox', banner: 'SANDBOX — test environment, not real readers' };
  }
  return { tone: 'custom', short: 'Custom', banner: `CUSTOM ENVIRONMENT — ${hostOf(profile.baseUrl)}` };
}
