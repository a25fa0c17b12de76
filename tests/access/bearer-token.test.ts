import { describe, expect, it } from 'vitest';
import { bearerToken } from '../../src/access/client.js';

/** The definition bearerToken's fast path must agree with. */
const byRegex = (authorization: string | undefined) => /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];

describe('bearerToken', () => {
  it('reads every form of the header as the regular expression does', () => {
    const headers = [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'Bearer  ',
      'Bearer mlb_abc-DEF_123',
      'bearer mlb_abc',
      'BEARER mlb_abc',
      'Bearer  mlb_abc',
      'Bearer\tmlb_abc',
      'Bearer mlb_abc ',
      'Bearer mlb_abc\t',
      'Bearer mlb abc',
      'Bearer mlb_abc\u00a0',
      'Bearer mlb_ä',
      'Bearer ~!$%&*+./:;<=>?@[]^`{|}',
      'Basic dXNlcjpwYXNz',
      'Bearermlb_abc',
      ' Bearer mlb_abc',
    ];
    for (const header of headers) expect([header, bearerToken(header)]).toEqual([header, byRegex(header)]);
  });
});
