/**
 * Everything the CLI prints passes through here: text from manifests, schedules, logs and
 * file names can hold characters a terminal acts on instead of printing (ESC starts a control
 * sequence that can recolour, move the cursor, retitle the window or rewrite what was shown;
 * BEL rings; CR overwrites the line; the bidirectional overrides reorder what is read). They
 * are shown as `\u001b`-style escapes, which keeps JSON and SARIF output valid JSON.
 */

/** C0 controls except tab and line feed, DEL, C1 controls, and the bidirectional formatting characters. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** terminalSafe replaces every character a terminal would act on with its `\uXXXX` escape. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface TextSink {
  write(text: string): unknown;
  /** A stream's back-pressure ('drain') and errors ('error': EPIPE, EIO), which `kube-jobs run` heeds. */
  once?(event: 'drain', listener: () => void): unknown;
  on?(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/** safeSink wraps an output stream so that every write is terminalSafe; its back-pressure and errors pass through. */
export function safeSink(stream: TextSink): TextSink {
  return {
    write: (text: string) => stream.write(terminalSafe(text)),
    ...(stream.once === undefined ? {} : { once: stream.once.bind(stream) }),
    ...(stream.on === undefined ? {} : { on: stream.on.bind(stream) }),
  };
}
