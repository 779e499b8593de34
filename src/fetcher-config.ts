// `createFetcher(config)`'s checks, apart from the fetcher itself: they throw at once, on the
// main bundle, while the fetcher's code loads with the first request.
import type { CustomFetchMinimalOutput, FetcherConfig } from './fetcher.js';

/** A malformed config or answer: a TypeError naming what was wrong. */
export const fail = (what: string): never => {
  throw new TypeError(`createFetcher: ${what}`);
};

/** @throws TypeError naming the config field that is malformed. */
export function checkFetcherConfig<TOutput extends CustomFetchMinimalOutput>(config: FetcherConfig<TOutput> | undefined): void {
  const { baseUrl, dpopNonceId, fetch: send, getAccessToken } = config ?? {};
  if (baseUrl !== undefined && (typeof baseUrl !== 'string' || !URL.canParse(baseUrl))) fail('`baseUrl` must be an absolute URL');
  if (dpopNonceId !== undefined && (typeof dpopNonceId !== 'string' || !dpopNonceId)) fail('`dpopNonceId` must be a non-empty string');
  for (const [name, value] of Object.entries({ fetch: send, getAccessToken })) {
    if (value !== undefined && typeof value !== 'function') fail(`\`${name}\` must be a function`);
  }
}
