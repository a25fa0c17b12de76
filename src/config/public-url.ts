import type { Config } from './env.js';

const unspecified = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The origin every absolute link uses (pages, feeds, e-mails): PUBLIC_URL when set, else where
 * this server listens, so a local install links to itself. Never the request's Host header, which
 * any client can forge and which says nothing about TLS in front of us.
 */
export function publicOrigin(config: Pick<Config, 'PUBLIC_URL' | 'HOST' | 'PORT'>): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL;
  const host = unspecified.has(config.HOST) ? '127.0.0.1' : config.HOST;
  const shown = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${shown}:${config.PORT}`;
}
