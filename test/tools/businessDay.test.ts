import { describe, expect, it } from "vitest";
import { InputError } from "../../engine/errors.js";
import { businessDay, parisDate } from "../../tools/businessDay.js";

describe("parisDate", () => {
  it("is the calendar day in Paris, not in UTC", () => {
    expect(parisDate(new Date("2026-12-31T22:30:00Z"))).toBe("2026-12-31");
    expect(parisDate(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(parisDate(new Date("2027-06-30T22:30:00Z"))).toBe("2027-07-01");
  });
});

describe("businessDay", () => {
  it("is FACTURATION_TODAY when set, whatever the clock says", () => {
    const today = businessDay({ FACTURATION_TODAY: "2027-02-28" }, () => new Date("2030-05-05T12:00:00Z"));
    expect(today()).toBe("2027-02-28");
  });

  it("reads the clock at each call when FACTURATION_TODAY is absent or empty", () => {
    let instant = new Date("2027-02-28T12:00:00Z");
    for (const env of [{}, { FACTURATION_TODAY: "" }]) {
      const today = businessDay(env, () => instant);
      instant = new Date("2027-02-28T12:00:00Z");
      expect(today()).toBe("2027-02-28");
      instant = new Date("2027-02-28T23:30:00Z");
      expect(today()).toBe("2027-03-01");
    }
  });

  it("refuses a value that is not a calendar date once, in French, naming the variable and what to do", () => {
    for (const value of ["2026-13-01", "2027-02-29", "25/11/2026", "demain"]) {
      let error: unknown;
      try {
        businessDay({ FACTURATION_TODAY: value });
      } catch (e) {
        error = e;
      }
      expect(error, value).toBeInstanceOf(InputError);
      expect((error as InputError).message).toBe(
        `FACTURATION_TODAY : « ${value} » n'est pas une date du calendrier au format AAAA-MM-JJ (par exemple 2026-11-25) ; corrigez la variable, ou retirez-la pour travailler à la date du jour`,
      );
    }
  });
});
