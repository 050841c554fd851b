import { createInterface, type Interface } from "node:readline";

/** What a read gives when the human pressed Ctrl-C (or the process got SIGINT) instead of typing a line. */
export const INTERRUPTED: unique symbol = Symbol("Ctrl-C");
export type LineRead = string | undefined | typeof INTERRUPTED;

/**
 * Lines typed by the human, one at a time: the chat's requests and its confirmation answers come
 * from the same source, so in a script the line after a request that needs a confirmation is
 * the answer ("oui" / "o" / "non"). On a terminal each read shows its prompt.
 * Ctrl-C never leaves a read hanging: on a terminal readline reports it (raw mode: no signal), on a pipe
 * the process gets SIGINT; either answers the read waiting with INTERRUPTED, or the next one when none is.
 */
export class LineInput {
  private readonly lines: string[] = [];
  private readonly waiting: ((line: LineRead) => void)[] = [];
  private closed = false;
  private interrupted = false;
  private readonly rl: Interface;
  private readonly onSignal = () => this.interrupt();

  constructor(
    input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
    private readonly interactive: boolean,
  ) {
    this.rl = createInterface({ input, ...(interactive ? { output } : {}), terminal: interactive, crlfDelay: Infinity });
    this.rl.on("line", (line) => {
      const next = this.waiting.shift();
      if (next) next(line);
      else this.lines.push(line);
    });
    this.rl.on("close", () => {
      this.closed = true;
      for (const next of this.waiting.splice(0)) next(undefined);
    });
    this.rl.on("SIGINT", this.onSignal);
    process.on("SIGINT", this.onSignal);
  }

  private interrupt(): void {
    const next = this.waiting.shift();
    if (next) return next(INTERRUPTED);
    // A second Ctrl-C while the assistant is still busy (no read waiting) leaves at once.
    if (this.interrupted) {
      this.output.write("\n");
      process.exit(130);
    }
    this.interrupted = true;
  }

  /** The next line, INTERRUPTED after a Ctrl-C, or undefined at the end of the input. */
  read(prompt: string): Promise<LineRead> {
    if (this.interactive) {
      this.rl.setPrompt(prompt);
      this.rl.prompt();
    }
    if (this.interrupted) {
      this.interrupted = false;
      return Promise.resolve(INTERRUPTED);
    }
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  close(): void {
    process.off("SIGINT", this.onSignal);
    this.rl.close();
  }
}
