/**
 * True when `user` is signed in to `organization`: its `org_id` exactly, or its `org_name`
 * ignoring case — as the engine's ID-token check matches an organization by id or by name.
 */
export function inOrganization(user: Record<string, unknown> | undefined, organization: string): boolean {
  return !!user && (user.org_id === organization || `${user.org_name ?? ''}`.toLowerCase() === organization.toLowerCase());
}
