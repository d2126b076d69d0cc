import { describe, expect, it } from "vitest";
import { emailDomain } from "./text.js";

describe("emailDomain", () => {
  it("is the part after the last @, lower-cased", () => {
    expect(emailDomain("Ann@Example.COM")).toBe("example.com");
    expect(emailDomain('"a@b"@c.io')).toBe("c.io");
    expect(emailDomain(null)).toBeNull();
    expect(emailDomain(undefined)).toBeNull();
  });

  it("gives each address its own domain when calls alternate (the last answer is remembered)", () => {
    for (let i = 0; i < 3; i++) {
      expect(emailDomain("x@one.io")).toBe("one.io");
      expect(emailDomain("x@one.io")).toBe("one.io");
      expect(emailDomain("y@TWO.io")).toBe("two.io");
    }
  });
});
