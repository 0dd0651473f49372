import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { parseEnvFile } from '../../runner/envFile';
import { MAX_LOG_LINE_LENGTH, pipeLines } from '../../runner/logLines';
import { MASK, SecretMask } from '../../runner/secretMask';
import { startPod } from './helpers';

const maskOf = (...secrets: string[]): SecretMask => {
  const mask = new SecretMask();
  for (const s of secrets) mask.add(s);
  return mask;
};

describe('secret masking: one function for every rendering', () => {
  it('hides a secret whatever its length, also inside other strings; an empty value hides nothing', () => {
    const mask = maskOf('x', 'pw', '');
    assert.equal(mask.mask('max=pw;'), `ma${MASK}=${MASK};`);
    assert.equal(mask.size, 2);
  });

  it('hides the forms a secret takes in URLs and JSON, and each line of a multi-line secret', () => {
    const key = '-----BEGIN KEY-----\nMIIEvQIBADANBgkq\nhkiG9w0BAQEFAASC\n-----END KEY-----';
    const mask = maskOf('p@ss w0rd/"1"', key);
    assert.equal(mask.mask('postgres://u:p%40ss%20w0rd%2F%221%22@db'), `postgres://u:${MASK}@db`);
    assert.equal(mask.mask('q=p%40ss+w0rd%2F%221%22'), `q=${MASK}`);
    assert.equal(mask.mask('{"password":"p@ss w0rd/\\"1\\""}'), `{"password":"${MASK}"}`);
    assert.equal(mask.mask('key line: hkiG9w0BAQEFAASC'), `key line: ${MASK}`);
    assert.equal(mask.mask('{ }'), '{ }', 'a lone brace of a multi-line secret is not hidden on its own');
  });

  it('a secret that contains another is hidden whole', () => {
    assert.equal(maskOf('abc', 'abcdef').mask('abcdef abc'), `${MASK} ${MASK}`);
  });

  it('a line longer than 16 KiB is never cut inside a secret, so no part of it shows', async () => {
    const secret = 'S3CRET-TOKEN-VALUE';
    const mask = maskOf(secret);
    const stream = new PassThrough();
    const parts: string[] = [];
    const done = pipeLines(stream, (l) => parts.push(mask.mask(l)), { cutter: mask });
    // The secret straddles the 16 KiB mark, once in a complete line and once in output without a newline.
    const line = `${'a'.repeat(MAX_LOG_LINE_LENGTH - 5)}${secret}${'b'.repeat(10)}`;
    stream.write(`${line}\n`);
    for (const ch of line) stream.write(ch);
    stream.end();
    await done;
    const joined = parts.join('|');
    assert.ok(!/CRET|TOKEN|S3C/.test(joined), 'no fragment of the secret');
    assert.equal(joined.split(MASK).length - 1, 2);
  });

  it('a secret looked up for any container of the run masks the live log of every pod', async () => {
    const { values } = parseEnvFile('api/token=tok3n\n');
    const { pod, logs } = startPod(
      {
        restartPolicy: 'Never',
        containers: [
          {
            name: 'main',
            command: ['sh', '-c', 'echo "Authorization: Bearer $TOKEN"; echo "$URL"'],
            env: [
              { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
              { name: 'URL', value: 'https://x/?t=$(TOKEN)' },
            ],
          },
        ],
      },
      { values },
    );
    await pod.done;
    assert.deepEqual(
      logs.map((l) => l.line),
      [`Authorization: Bearer ${MASK}`, `https://x/?t=${MASK}`],
    );
  });
});
