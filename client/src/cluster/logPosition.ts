/**
 * LogPosition keeps a follower's place in one container instance's log by stream offset: how
 * many lines of the log it has read (counted from the instance's first line), checked against
 * the last line it read, compared as a whole (the kubelet's timestamp and the text) for
 * equality only. Timestamps are never ordered: a node clock that steps back gives later lines
 * earlier times, and a reconnect with `sinceTime` would lose them, because the kubelet drops
 * every line older than sinceTime (logWriter.write, cri-client/pkg/logs/logs.go). So a
 * reconnect reads the instance's log from its first line and skips what was read.
 */
export class LogPosition {
  /** Lines read from the start of the instance's log; undefined while unknown (a follow that began with tailLines). */
  private offset: number | undefined;
  /** The last raw line read. */
  private last: string | undefined;

  constructor(startsAtFirstLine: boolean) {
    this.offset = startsAtFirstLine ? 0 : undefined;
  }

  /** hasRead tells whether any line of this instance was read yet. */
  get hasRead(): boolean {
    return this.last !== undefined;
  }

  /** read records a line handed to the reader. */
  read(line: string): void {
    this.last = line;
    if (this.offset !== undefined) this.offset++;
  }

  /** restart forgets the place: the container restarted, its new log starts empty. */
  restart(): void {
    this.offset = 0;
    this.last = undefined;
  }

  /** resume returns the filter for a stream that starts again at the instance's first line. */
  resume(): LogResume {
    return new LogResume(this, this.offset, this.last);
  }

  /** found moves the place to just after the last line read, `at` lines into the log. */
  found(at: number): void {
    this.offset = at;
  }
}

/**
 * LogResume filters one reconnected stream: it holds lines back until it reaches the place the
 * last stream ended (the offset, when its line is the last one read; otherwise wherever that
 * line appears), then passes every later line. If the stream ends first, the log was replaced
 * under us (a restart, a rotation) and the held lines are new.
 */
export class LogResume {
  private held: string[] = [];
  private passing: boolean;

  constructor(
    private readonly position: LogPosition,
    private offset: number | undefined,
    private readonly last: string | undefined,
  ) {
    this.passing = last === undefined;
  }

  /** accept takes the stream's next line and returns the lines to hand on (none, it, or held ones). */
  accept(line: string): string[] {
    if (this.passing) return this.pass([line]);
    this.held.push(line);
    const at = this.held.length;
    if (this.offset !== undefined && at === this.offset) {
      if (line === this.last) return this.foundAt(at);
      // The line at our offset is not the one we read: look for it instead.
      this.offset = undefined;
      const i = this.held.lastIndexOf(this.last as string);
      return i >= 0 ? this.foundAt(i + 1) : [];
    }
    return this.offset === undefined && line === this.last ? this.foundAt(at) : [];
  }

  /** end is called when the stream ends; it returns held lines that turned out to be new. */
  end(): string[] {
    if (this.passing) return [];
    this.position.restart();
    return this.pass(this.held.splice(0));
  }

  private foundAt(at: number): string[] {
    this.position.found(at);
    this.passing = true;
    return this.pass(this.held.splice(at));
  }

  private pass(lines: string[]): string[] {
    for (const l of lines) this.position.read(l);
    return lines;
  }
}
