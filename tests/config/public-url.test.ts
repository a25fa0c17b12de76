import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { publicOrigin } from '../../src/config/public-url.js';

describe('publicOrigin', () => {
  it('is PUBLIC_URL without its trailing slash when set', () => {
    expect(publicOrigin(loadConfig({ PUBLIC_URL: 'https://mlbrief.example/' }))).toBe('https://mlbrief.example');
  });

  it('is where the server listens otherwise, a usable address for unspecified and IPv6 hosts', () => {
    expect(publicOrigin(loadConfig({}))).toBe('http://127.0.0.1:4000');
    expect(publicOrigin(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }))).toBe('http://127.0.0.1:8080');
    expect(publicOrigin(loadConfig({ HOST: '::1', PORT: '8080' }))).toBe('http://[::1]:8080');
  });

  it('refuses a PUBLIC_URL that is not an http(s) URL, naming the variable', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'mlbrief.example' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://mlbrief.example' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL/);
  });
});
