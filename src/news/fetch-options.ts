import type { Config } from '../config/env.js';
import type { FetchOptions } from './types.js';

// Names mlbrief and where to learn about it, so feed operators can identify and reach us.
export const userAgent = 'mlbrief/0.1 (+https://github.com/mlbrief/mlbrief; ML news aggregator)';

export function fetchOptions(config: Config): Omit<FetchOptions, 'maxRedirects'> {
  return {
    timeoutMs: config.FETCH_TIMEOUT_MS,
    maxBytes: config.FETCH_MAX_BYTES,
    allowPrivateNetworks: config.FETCH_ALLOW_PRIVATE_NETWORKS,
    userAgent,
  };
}
