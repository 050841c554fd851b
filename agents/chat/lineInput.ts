import { createInterface, type Interface } from "node:readline";

/**
 * Lines typed by the human, one at a time: the chat's requests and its confirmation answers come
 * from the same source, so in a script the line after a request that needs a confirmation is
 * the answer ("oui" / "o" / "non"). On a terminal each read shows its prompt.
 */
export class LineInput {
  private readonly lines: string[] = [];
  private readonly waiting: ((line: string | undefined) => void)[] = [];
  private closed = false;
  private readonly rl: Interface;

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
  }

  /** The next line, or undefined at the end of the input. */
  read(prompt: string): Promise<string | undefined> {
    if (this.interactive) {
      this.rl.setPrompt(prompt);
      this.rl.prompt();
    }
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  close(): void {
    this.rl.close();
  }
}
