import { describe, expect, it } from "vitest";
import { addDays } from "../../../engine/dates/plainDate.js";
import { type DunningLevel } from "../../../engine/dunning/dunningLevel.js";
import { DunningPolicySchema } from "../../../engine/dunning/dunningPolicy.js";
import { nextDunningStep, type SentReminder } from "../../../engine/dunning/nextDunningStep.js";
import { Decimal } from "../../../engine/money/money.js";

const due = "2026-03-31";
const open = { dueDate: due, outstanding: new Decimal("1200.00"), disputed: false };
const day = (offset: number) => addDays(due, offset);

describe("nextDunningStep", () => {
  it("asks for nothing before +7 days and says when R1 will be due", () => {
    const step = nextDunningStep(open, null, day(6));
    expect(step).toMatchObject({ dueNow: null, next: { level: "r1", date: day(7) }, daysOverdue: 6 });
    expect(step.reason).toBe("Rien à envoyer aujourd'hui (6 jours de retard, aucune relance envoyée) ; prochaine étape : relance R1 (cordiale) le 07/04/2026.");
  });

  it("asks for R1 at +7 days, then R2 at +15", () => {
    const step = nextDunningStep(open, null, day(7));
    expect(step).toMatchObject({ dueNow: "r1", next: { level: "r2", date: day(15) } });
    expect(step.reason).toBe("Relance R1 (cordiale) à envoyer aujourd'hui (7 jours de retard, aucune relance envoyée).");
  });

  it("follows R1 +7, R2 +15, R3 +30, escalation +60 when each is sent on time, and not a day before", () => {
    const boundaries: [DunningLevel | null, number, DunningLevel][] = [
      [null, 7, "r1"],
      ["r1", 15, "r2"],
      ["r2", 30, "r3"],
      ["r3", 60, "escalation"],
    ];
    const delays: Record<string, number> = { r1: 7, r2: 15, r3: 30 };
    for (const [last, at, expected] of boundaries) {
      const sent: SentReminder | null = last === null ? null : { level: last, date: day(delays[last] ?? 0) };
      expect(nextDunningStep(open, sent, day(at - 1)).dueNow).toBeNull();
      expect(nextDunningStep(open, sent, day(at)).dueNow).toBe(expected);
    }
  });

  it("never skips a level: 70 days late with no reminder needs R1, not R3 nor escalation", () => {
    const step = nextDunningStep(open, null, day(70));
    expect(step.dueNow).toBe("r1");
    // R2 keeps the policy spacing (15 − 7 = 8 days) after R1 sent today.
    expect(step.next).toEqual({ level: "r2", date: day(78) });
  });

  it("keeps the spacing after a late start: R2 eight days after a late R1, R3 fifteen after R2", () => {
    expect(nextDunningStep(open, { level: "r1", date: day(70) }, day(77))).toMatchObject({ dueNow: null, next: { level: "r2", date: day(78) } });
    expect(nextDunningStep(open, { level: "r1", date: day(70) }, day(78)).dueNow).toBe("r2");
    expect(nextDunningStep(open, { level: "r2", date: day(78) }, day(92)).dueNow).toBeNull();
    expect(nextDunningStep(open, { level: "r2", date: day(78) }, day(93)).dueNow).toBe("r3");
  });

  it("after R1, asks for R2 only, even very late", () => {
    expect(nextDunningStep(open, { level: "r1", date: day(7) }, day(200)).dueNow).toBe("r2");
  });

  it("needs nothing on a paid invoice, nor on a disputed one, nor after escalation", () => {
    expect(nextDunningStep({ ...open, outstanding: new Decimal(0) }, null, day(40))).toMatchObject({ dueNow: null, next: null });
    const disputed = nextDunningStep({ ...open, disputed: true }, { level: "r1", date: day(7) }, day(40));
    expect(disputed).toMatchObject({ dueNow: null, next: null, reason: "Facture en litige : les relances sont suspendues." });
    expect(nextDunningStep(open, { level: "escalation", date: day(60) }, day(100))).toMatchObject({ dueNow: null, next: null });
  });

  it("escalation has no level after it", () => {
    expect(nextDunningStep(open, { level: "r3", date: day(30) }, day(60))).toMatchObject({ dueNow: "escalation", next: null });
  });

  it("sends the optional pre-due reminder from N days before the due date, never on or after it", () => {
    const policy = DunningPolicySchema.parse({ preDueDays: 3 });
    expect(nextDunningStep(open, null, day(-4), policy)).toMatchObject({ dueNow: null, next: { level: "pre_due", date: day(-3) } });
    expect(nextDunningStep(open, null, day(-3), policy)).toMatchObject({ dueNow: "pre_due", next: { level: "r1", date: day(7) } });
    expect(nextDunningStep(open, null, day(-1), policy).dueNow).toBe("pre_due");
    expect(nextDunningStep(open, null, day(0), policy)).toMatchObject({ dueNow: null, next: { level: "r1", date: day(7) } });
    expect(nextDunningStep(open, { level: "pre_due", date: day(-3) }, day(7), policy).dueNow).toBe("r1");
  });

  it("without a pre-due reminder in the policy, waits for R1 before the due date", () => {
    expect(nextDunningStep(open, null, day(-10))).toMatchObject({ dueNow: null, next: { level: "r1", date: day(7) }, daysOverdue: 0 });
  });

  it("follows a configured policy", () => {
    const policy = DunningPolicySchema.parse({ r1Days: 10, r2Days: 20, r3Days: 45, escalationDays: 90 });
    expect(nextDunningStep(open, null, day(9), policy).dueNow).toBeNull();
    expect(nextDunningStep(open, null, day(10), policy)).toMatchObject({ dueNow: "r1", next: { level: "r2", date: day(20) } });
  });
});

describe("DunningPolicySchema", () => {
  it("defaults to R1 +7, R2 +15, R3 +30, escalation +60 and no pre-due reminder", () => {
    expect(DunningPolicySchema.parse({})).toEqual({ preDueDays: null, r1Days: 7, r2Days: 15, r3Days: 30, escalationDays: 60 });
  });

  it("refuses delays that do not increase, naming the field in French", () => {
    const r = DunningPolicySchema.safeParse({ r2Days: 7 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["r2Days"], message: "doit être supérieur au délai de R1" });
  });
});
