import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureDemoData } from "../../../db/demo/ensureDemoData.js";
import { openChatSession, type ChatSessionOptions, type OpenedChatSession } from "../../../cli/openChatSession.js";
import { DEMO_TODAY } from "../../db/demo/demoDay.js";

export { DEMO_TODAY };

export interface DemoChat {
  readonly chat: OpenedChatSession;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** A chat session on a fresh data folder holding the demo company, offline unless `claude` is given. */
export async function openDemoChat(options: Partial<ChatSessionOptions> = {}): Promise<DemoChat> {
  const dataDir = mkdtempSync(join(tmpdir(), "facturation-chat-"));
  const chat = await openChatSession({
    dataDir,
    env: { ...process.env, FACTURATION_TODAY: DEMO_TODAY, ANTHROPIC_API_KEY: "", SMTP_URL: "" },
    loadDemo: ensureDemoData,
    claude: null,
    user: "alice",
    ...options,
  });
  return {
    chat,
    dataDir,
    async close() {
      await chat.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
