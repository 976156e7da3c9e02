// The connection a test policy presets: the organisation's Production, as an admin names it.
export const PRESET_CONNECTION = {
  id: 'acme-prod',
  name: 'Acme production',
  environment: 'production',
  baseUrl: 'https://api.conscent.in/api/v1',
  clientId: 'acme',
} as const;
