import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseAnsi, stripAnsi } from '../../client/webview/ansi';

describe('ANSI escapes in log lines', () => {
  it('turns SGR colours into classes and resets', () => {
    assert.deepEqual(parseAnsi('\x1b[1;31merror\x1b[0m: done'), [
      { text: 'error', classes: ['ansi-fg-1', 'ansi-bold'] },
      { text: ': done', classes: [] },
    ]);
    assert.deepEqual(parseAnsi('\x1b[92mok\x1b[39m'), [{ text: 'ok', classes: ['ansi-fg-10'] }]);
  });

  it('drops cursor moves, OSC titles, 256-colour arguments and control characters', () => {
    assert.equal(stripAnsi('\x1b[2K\x1b[1Gprogress\x1b]0;title\x07 50%\x07\x1b[38;5;196mred'), 'progress 50%red');
    assert.equal(stripAnsi('a\x00b\x08c\td'), 'abc\td');
  });
});
