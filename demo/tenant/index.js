// TEMPORARY placeholder for the infra smoke test; replaced by the real tenant.
export async function startTenant() {
  return { issuer: 'http://127.0.0.1:1/', info: { issuer: 'http://127.0.0.1:1/', domain: 'http://127.0.0.1:1' }, control: {}, close: async () => {} };
}
