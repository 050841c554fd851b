/**
 * Where outbox e-mails are recorded. The database's outbox repository implements it; so does
 * `emlFolderOutboxStore`, which reads the `.eml` files of the outbox folder back.
 */
export interface OutboxRecord {
  /** Also the file name: `<dataDir>/outbox/<id>.eml`. */
  readonly id: string;
  /** The reminders row (db/schema/reminders.ts), when the message is a reminder. */
  readonly reminderId?: number | undefined;
  /** Message-ID header, "<uuid@domain>". */
  readonly messageId: string;
  /** Recipient address. */
  readonly to: string;
  readonly subject: string;
  /** Absolute path of the .eml file. */
  readonly emlPath: string;
  readonly createdAt: Date;
}

export interface OutboxStore {
  add(record: OutboxRecord): Promise<void>;
  /** Oldest first. */
  list(): Promise<readonly OutboxRecord[]>;
}
