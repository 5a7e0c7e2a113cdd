/** What scope selection reads: the 401's challenge, the resource's and the authorization server's metadata. */
export interface ScopeSources {
  /** The `scope` of the `WWW-Authenticate` challenge, if it had one. */
  challengeScope?: string | undefined;
  /** The Protected Resource Metadata's `scopes_supported`. */
  resourceScopes?: readonly string[] | undefined;
  /** The authorization server metadata's `scopes_supported`. */
  authorizationServerScopes?: readonly string[] | undefined;
}

/**
 * The `scope` to request, by the spec's Scope Selection Strategy: the challenge's scope when it gave
 * one, else every scope of the resource's `scopes_supported`, else none (undefined: omit the
 * parameter). `offline_access` is added to a chosen set only when the authorization server lists
 * it in its own `scopes_supported` (and never twice); it is never the whole request, so a scope the
 * spec says to omit stays omitted.
 */
export function selectScope(sources: ScopeSources): string | undefined {
  const fromChallenge = sources.challengeScope?.split(/\s+/).filter(Boolean);
  const chosen = fromChallenge?.length ? fromChallenge : [...(sources.resourceScopes ?? [])];
  if (chosen.length === 0) return undefined;
  if (sources.authorizationServerScopes?.includes("offline_access") && !chosen.includes("offline_access")) {
    chosen.push("offline_access");
  }
  return chosen.join(" ");
}
